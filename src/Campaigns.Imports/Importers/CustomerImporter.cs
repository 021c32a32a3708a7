using System.Text.Json;
using Campaigns.Data;
using Campaigns.Domain.Customers;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>
/// Customers upserted on their external id. Only mapped fields are written; columns mapped to no field are kept
/// as custom attributes (merged into the stored ones), so audience rules and models can use them.
/// </summary>
internal sealed class CustomerImporter : Importer<CustomerImporter.Customer>
{
    private const int AttributesMaxLength = 4000;
    private readonly List<int> _attributeColumns;

    public sealed record Customer(ImportRow Row, string Key, string? Email, string? FirstName, string? Region, Device? Device,
        DateTime? SignedUpAt, bool? EmailOptIn, Dictionary<string, string> Attributes) : Item(Row);

    public CustomerImporter(ImportContext context) : base(context)
    {
        var mapped = context.Columns.Values.ToHashSet();
        _attributeColumns = Enumerable.Range(0, context.Header.Count)
            .Where(i => !mapped.Contains(i) && !context.Settings.Mapping.Ignored.Contains(context.Header[i]) && context.Header[i].Trim().Length > 0).ToList();
    }

    protected override Customer? Parse(ImportRow row)
    {
        var key = Key(row, "external_id", "customer");
        Device? device = null;
        if (row.Text("device") is { } d)
        {
            if (Enum.TryParse<Device>(d, true, out var parsed) && Enum.IsDefined(parsed)) device = parsed;
            else row.Problem("device", $"'{Excerpt.Of(d)}' is not a device (Desktop, Mobile or Tablet).");
        }
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in _attributeColumns)
            if (row.Fields[i].Trim() is { Length: > 0 } value) attributes[Context.Header[i].Trim()] = value;
        if (attributes.Count > 0 && JsonSerializer.Serialize(attributes).Length > AttributesMaxLength)
            row.Problem(null, $"the unmapped columns make more than {AttributesMaxLength} characters of custom attributes; leave some of them out of the import.");
        var customer = new Customer(row, key!, row.Text("email"), row.Text("first_name", 100), row.Text("region", 60), device,
            row.Date("signed_up_at"), row.Flag("email_opt_in"), attributes);
        return key is null ? null : customer;
    }

    protected override async Task<BatchOutcome> StoreAsync(List<Customer> batch, CancellationToken ct)
    {
        var stored = new Dictionary<string, Domain.Customers.Customer>(StringComparer.Ordinal);
        foreach (var chunk in batch.Select(c => c.Key).Chunk(KeysPerQuery))
            foreach (var c in await Db.Customers.Where(c => chunk.Contains(c.ExternalId)).ToListAsync(ct))
                stored[c.ExternalId] = c;
        var inserts = new List<Domain.Customers.Customer>();
        foreach (var item in batch)
        {
            if (stored.TryGetValue(item.Key, out var customer)) Apply(item, customer);
            else
            {
                customer = new Domain.Customers.Customer { ExternalId = item.Key, Region = "Unknown", SignedUpAt = DateTime.UtcNow };
                Apply(item, customer);
                inserts.Add(customer);
            }
        }
        Db.ChangeTracker.DetectChanges();
        var updated = stored.Values.Count(c => Db.Entry(c).State == EntityState.Modified);
        if (Context.Write)
        {
            await Db.BulkInsertAsync(inserts, ct);
            await Db.SaveChangesAsync(ct);
        }
        return new BatchOutcome(inserts.Count, updated, stored.Count - updated, []);
    }

    private void Apply(Customer item, Domain.Customers.Customer customer)
    {
        var row = item.Row;
        if (row.Has("email")) customer.Email = item.Email;
        if (row.Has("first_name")) customer.FirstName = item.FirstName;
        if (row.Has("region")) customer.Region = item.Region ?? "Unknown";
        if (item.Device is { } device) customer.Device = device;
        if (item.SignedUpAt is { } signedUp) customer.SignedUpAt = signedUp;
        if (item.EmailOptIn is { } optIn) customer.EmailOptIn = optIn;
        if (item.Attributes.Count == 0) return;
        var attributes = customer.CustomAttributesJson is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>();
        foreach (var (name, value) in item.Attributes) attributes[name] = value;
        var merged = JsonSerializer.Serialize(attributes);
        if (merged != customer.CustomAttributesJson) customer.CustomAttributesJson = merged;
    }
}
