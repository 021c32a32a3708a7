using Mono.Cecil;

namespace Campaigns.Architecture.Tests;

/// <summary>
/// Every type a project's types use, read from its compiled assembly (signatures, attributes and method bodies), so a
/// broken rule names the type that breaks it and what it uses: "Campaigns.Data.X uses Microsoft.AspNetCore.Http.HttpContext".
/// </summary>
public static class TypeDependencies
{
    public static IReadOnlyList<(string Type, string Uses)> Of(string assemblyName)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"));
        return assembly.Modules.SelectMany(m => m.GetTypes()).SelectMany(type => Used(type).Select(used => (Owner(type), used))).Distinct().ToList();
    }

    /// <summary>Type uses of namespaces in <paramref name="forbidden"/> (each a prefix) unless in <paramref name="allowed"/>, as "Type uses Dependency" lines.</summary>
    public static List<string> Violations(string assemblyName, string[] forbidden, params string[] allowed) =>
        Of(assemblyName).Where(d => forbidden.Any(f => InNamespace(d.Uses, f)) && !allowed.Any(a => InNamespace(d.Uses, a)))
            .Select(d => $"{d.Type} uses {d.Uses}").Order().ToList();

    private static bool InNamespace(string type, string ns) => type == ns || type.StartsWith(ns + ".", StringComparison.Ordinal);

    /// <summary>Compiler-generated closures and state machines count as the type they were written in.</summary>
    private static string Owner(TypeDefinition type)
    {
        while (type.Name.StartsWith('<') && type.DeclaringType is { } outer) type = outer;
        return type.FullName;
    }

    private static HashSet<string> Used(TypeDefinition type)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        void Add(TypeReference? t)
        {
            for (; t is TypeSpecification spec; t = spec.ElementType)
                if (spec is GenericInstanceType generic) foreach (var argument in generic.GenericArguments) Add(argument);
            if (t is not null and not GenericParameter) used.Add(t.FullName);
        }
        void Attributes(ICustomAttributeProvider provider) { foreach (var a in provider.CustomAttributes) Add(a.AttributeType); }
        void Method(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters) Add(p.ParameterType);
            if (m is GenericInstanceMethod generic) foreach (var argument in generic.GenericArguments) Add(argument);
        }

        Add(type.BaseType);
        Attributes(type);
        foreach (var i in type.Interfaces) Add(i.InterfaceType);
        foreach (var f in type.Fields) { Add(f.FieldType); Attributes(f); }
        foreach (var p in type.Properties) { Add(p.PropertyType); Attributes(p); }
        foreach (var e in type.Events) Add(e.EventType);
        foreach (var m in type.Methods)
        {
            Method(m);
            Attributes(m);
            foreach (var p in m.Parameters) Attributes(p);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Add(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
                switch (instruction.Operand)
                {
                    case TypeReference t: Add(t); break;
                    case MethodReference r: Method(r); break;
                    case FieldReference f: Add(f.DeclaringType); Add(f.FieldType); break;
                }
        }
        return used;
    }
}
