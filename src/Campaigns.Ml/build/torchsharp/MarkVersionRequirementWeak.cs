// Compiled by MSBuild's RoslynCodeTaskFactory against .NET Standard 2.0: plain arrays and BitConverter only.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Sets VER_FLG_WEAK on a library's requirement of one symbol version (an Elf64_Vernaux entry of its
/// .gnu.version_r section), when the host's libstdc++ does not define that version. See TorchSharpGlibcxx.targets.
/// </summary>
public sealed class MarkVersionRequirementWeak : Task
{
    private const uint ShtGnuVerneed = 0x6FFFFFFE;
    private const ushort VerFlgWeak = 0x2;

    private static readonly string[] LibstdcxxPaths =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    [Required] public ITaskItem[] Libraries { get; set; }
    [Required] public string Version { get; set; }

    public override bool Execute()
    {
        var host = LibstdcxxPaths.FirstOrDefault(File.Exists);
        if (host == null || IndexOf(File.ReadAllBytes(host), Encoding.ASCII.GetBytes(Version), 0) >= 0)
        {
            Log.LogMessage(MessageImportance.Low, "TorchSharpGlibcxx: " + (host ?? "no libstdc++ found") + " needs no patch for " + Version + ".");
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.GetMetadata("FullPath");
            try
            {
                Patch(path);
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is ArgumentException)
            {
                Log.LogError("TorchSharpGlibcxx: cannot patch " + path + ": " + ex.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    private void Patch(string path)
    {
        var data = File.ReadAllBytes(path);
        var offsets = FlagOffsets(data, Version);
        if (offsets.Count == 0) throw new InvalidDataException("it has no requirement of " + Version + ".");
        if (offsets.All(o => (BitConverter.ToUInt16(data, o) & VerFlgWeak) != 0)) return;
        foreach (var o in offsets)
        {
            var flags = (ushort)(BitConverter.ToUInt16(data, o) | VerFlgWeak);
            data[o] = (byte)flags;
            data[o + 1] = (byte)(flags >> 8);
        }
        // Written beside and moved over the file: a hard link into the NuGet cache is replaced, never written through.
        var temporary = path + ".tsg-tmp";
        File.WriteAllBytes(temporary, data);
        File.Delete(path);
        File.Move(temporary, path);
        Log.LogMessage(MessageImportance.High, "TorchSharpGlibcxx: marked " + Version + " weak in " + path);
    }

    /// <summary>File offsets of vna_flags in every Elf64_Vernaux entry naming the version (little-endian ELF64 only).</summary>
    private static List<int> FlagOffsets(byte[] data, string version)
    {
        if (data.Length < 64 || data[0] != 0x7F || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file.");
        if (data[4] != 2 || data[5] != 1 || !BitConverter.IsLittleEndian) throw new InvalidDataException("not a little-endian 64-bit ELF file.");
        var shoff = (int)BitConverter.ToUInt64(data, 0x28);
        var shentsize = BitConverter.ToUInt16(data, 0x3A);
        var shnum = BitConverter.ToUInt16(data, 0x3C);
        if (shoff == 0 || shnum == 0 || shentsize != 64) throw new InvalidDataException("no usable section header table.");
        for (var i = 0; i < shnum; i++)
        {
            var header = shoff + i * shentsize;
            if (BitConverter.ToUInt32(data, header + 4) != ShtGnuVerneed) continue;
            var offset = (int)BitConverter.ToUInt64(data, header + 24);
            var link = (int)BitConverter.ToUInt32(data, header + 40);
            var count = (int)BitConverter.ToUInt32(data, header + 44);
            var strings = (int)BitConverter.ToUInt64(data, shoff + link * shentsize + 24);
            var found = new List<int>();
            // Elf64_Verneed: vn_version(2) vn_cnt(2) vn_file(4) vn_aux(4) vn_next(4); Elf64_Vernaux: vna_hash(4) vna_flags(2) vna_other(2) vna_name(4) vna_next(4).
            for (int n = 0, need = offset; n < count; n++)
            {
                var auxCount = BitConverter.ToUInt16(data, need + 2);
                var aux = need + (int)BitConverter.ToUInt32(data, need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = strings + (int)BitConverter.ToUInt32(data, aux + 8);
                    var end = Array.IndexOf(data, (byte)0, name);
                    if (Encoding.ASCII.GetString(data, name, end - name) == version) found.Add(aux + 4);
                    aux += (int)BitConverter.ToUInt32(data, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(data, need + 12);
            }
            return found;
        }
        throw new InvalidDataException("no .gnu.version_r section.");
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = Array.IndexOf(haystack, needle[0], from); i >= 0 && i <= haystack.Length - needle.Length; i = Array.IndexOf(haystack, needle[0], i + 1))
        {
            var j = 1;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }
}
