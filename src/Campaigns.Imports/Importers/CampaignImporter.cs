using Campaigns.Data;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Experiments;
using Microsoft.EntityFrameworkCore;

namespace Campaigns.Imports.Importers;

/// <summary>
/// A campaign run outside the app, one row per customer: it becomes a completed campaign with a historical
/// experiment, its arms, an assignment and an exposure per customer and a conversion (with revenue) per converted
/// customer, rolled up like events sent to the API, so results and uplift training read it like any other.
/// The experiment is found again by name, so a second import of the same file adds nothing.
/// </summary>
internal sealed class CampaignImporter : Importer<CampaignImporter.Row>
{
    private readonly CampaignImportSettings _settings;
    private Experiment? _experiment;
    private Campaign? _campaign;
    private DateTime? _first, _last;
    private bool _controlSeen;

    public sealed record Row(ImportRow Source, string CustomerKey, string Arm, DateTime AssignedAt, bool Converted, decimal Revenue) : Item(Source);

    public CampaignImporter(ImportContext context) : base(context)
    {
        _settings = context.Settings.Campaign ?? new CampaignImportSettings();
        if (string.IsNullOrWhiteSpace(_settings.Name)) throw new ImportException("Name the past campaign (it becomes the experiment's name).");
        if (string.IsNullOrWhiteSpace(_settings.ControlArm)) throw new ImportException("Say which arm value is the control group (no promotion).");
        if (_settings.StartedAt is null && !context.Columns.ContainsKey("assigned_at"))
            throw new ImportException("Give the campaign's start date, or map a column with each customer's assignment date to assigned_at.");
        if (_settings.Days <= 0) throw new ImportException("The outcome window must be at least one day.");
    }

    protected override Row? Parse(ImportRow row)
    {
        var key = Key(row, "customer_id", "customer");
        var arm = row.Required("arm", 100);
        var assignedAt = row.Date("assigned_at") ?? _settings.StartedAt;
        if (assignedAt is null && row.Text("assigned_at") is null) row.Problem("assigned_at", "the assignment date is empty and the campaign has no start date.");
        var converted = row.Flag("converted");
        var revenue = row.Amount("revenue", "revenue");
        if (converted == false && revenue > 0)
            row.Problem("revenue", $"revenue {revenue} on a row that did not convert: map the outcome revenue belongs to as converted.");
        if (key is null || arm is null || assignedAt is null) return null;
        return new Row(row, key, arm, assignedAt.Value, converted ?? revenue > 0, revenue ?? 0);
    }

    protected override async Task<BatchOutcome> StoreAsync(List<Row> batch, CancellationToken ct)
    {
        var experiment = _experiment ??= await OpenExperimentAsync(batch.Min(r => r.AssignedAt), ct);
        var customers = await CustomerIdsAsync(batch.Select(r => r.CustomerKey), ct);
        var rejected = new List<(ImportRow, RowProblem)>();
        var newArms = new List<Arm>();
        foreach (var name in batch.Select(r => r.Arm).Distinct(StringComparer.Ordinal).Where(n => experiment.Arms.All(a => a.Name != n)))
        {
            var arm = new Arm { ExperimentId = experiment.Id, Name = name, Position = experiment.Arms.Count, Allocation = 1 };
            experiment.Arms.Add(arm);
            newArms.Add(arm);
        }
        var armOf = experiment.Arms.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var known = customers.Values.ToList();
        var assigned = new Dictionary<Guid, Guid>();
        foreach (var chunk in known.Chunk(KeysPerQuery))
            foreach (var a in await Db.Assignments.AsNoTracking().Where(a => a.ExperimentId == experiment.Id && chunk.Contains(a.CustomerId)).ToListAsync(ct))
                assigned[a.CustomerId] = a.ArmId;

        var assignments = new List<Assignment>();
        var events = new List<ExperimentEvent>();
        long skipped = 0;
        foreach (var row in batch)
        {
            if (!customers.TryGetValue(row.CustomerKey, out var customerId))
            {
                rejected.Add(Reject(row.Row, "customer_id", $"no customer '{row.CustomerKey}' is stored: import the customers first."));
                continue;
            }
            var arm = armOf[row.Arm];
            _controlSeen |= arm.IsControl;
            if (assigned.TryGetValue(customerId, out var storedArm))
            {
                if (storedArm == arm.Id) skipped++;
                else rejected.Add(Reject(row.Row, "arm", $"customer '{row.CustomerKey}' is already in arm '{experiment.Arms.First(a => a.Id == storedArm).Name}' of this campaign."));
                continue;
            }
            assignments.Add(new Assignment { ExperimentId = experiment.Id, ArmId = arm.Id, CustomerId = customerId, AssignedAt = row.AssignedAt });
            // Keys from the experiment and the customer: a re-import or a resume can never store an event twice.
            events.Add(new ExperimentEvent { EventKey = $"imp-{experiment.Id:N}-{customerId:N}-x", ExperimentId = experiment.Id, CustomerId = customerId, ArmId = arm.Id, Type = EventType.Exposure, OccurredAt = row.AssignedAt });
            if (row.Converted)
                events.Add(new ExperimentEvent { EventKey = $"imp-{experiment.Id:N}-{customerId:N}-c", ExperimentId = experiment.Id, CustomerId = customerId, ArmId = arm.Id, Type = EventType.Conversion, OccurredAt = row.AssignedAt, Revenue = row.Revenue });
            Touched.Add(customerId);
            if (_first is null || row.AssignedAt < _first) _first = row.AssignedAt;
            if (_last is null || row.AssignedAt > _last) _last = row.AssignedAt;
        }
        if (Context.Write)
        {
            await Db.BulkInsertAsync(newArms, ct);
            await Db.BulkInsertAsync(assignments, ct);
            await Db.BulkInsertNewAsync(events, nameof(ExperimentEvent.EventKey), ct);
            if (_first < experiment.StartedAt) await MoveStartAsync(experiment, _first.Value, ct);
        }
        return new BatchOutcome(assignments.Count, 0, skipped, rejected);
    }

    public override async Task<List<RowProblem>> FinishAsync(CancellationToken ct)
    {
        var problems = new List<RowProblem>();
        if (_experiment is not null && !_controlSeen && !await Db.Assignments.AnyAsync(a => a.ArmId == _experiment.Arms[0].Id, ct))
            problems.Add(new RowProblem(0, 0, null, $"No row is in the control arm '{_settings.ControlArm}' (arms: {string.Join(", ", _experiment.Arms.Skip(1).Select(a => a.Name))}): results need a control."));
        if (!Context.Write || _experiment is null) return problems;
        if (_last is { } last)
        {
            var ends = last.AddDays(_settings.Days);
            await Db.Experiments.Where(e => e.Id == _experiment.Id && (e.EndedAt == null || e.EndedAt < ends)).ExecuteUpdateAsync(s => s.SetProperty(e => e.EndedAt, ends), ct);
            await Db.Campaigns.Where(c => c.Id == _campaign!.Id && c.EndsAt < ends).ExecuteUpdateAsync(s => s.SetProperty(c => c.EndsAt, ends), ct);
        }
        await new ExperimentRollup(Context.DbFactory).CatchUpAsync(ct: ct);
        return problems;
    }

    /// <summary>The experiment imported under this name before, or a new completed campaign with its control arm.</summary>
    private async Task<Experiment> OpenExperimentAsync(DateTime firstDate, CancellationToken ct)
    {
        var existing = await Db.Experiments.AsNoTracking().Include(e => e.Arms).Where(e => e.IsHistorical && e.Name == _settings.Name).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            existing.Arms = existing.Arms.OrderBy(a => a.Position).ToList();
            if (existing.Arms.FirstOrDefault(a => a.IsControl)?.Name != _settings.ControlArm)
                throw new ImportException($"The past campaign '{_settings.Name}' was imported before with control arm '{existing.Arms.FirstOrDefault(a => a.IsControl)?.Name}', not '{_settings.ControlArm}'.");
            _campaign = await Db.Campaigns.AsNoTracking().FirstAsync(c => c.Id == existing.CampaignId, ct);
            return existing;
        }
        var start = _settings.StartedAt ?? firstDate;
        var campaign = new Campaign
        {
            Name = _settings.Name,
            Description = "Imported past campaign",
            // The file says who got which arm, not what the offer was: unknown, not a default "% off".
            Promotion = new Promotion { Type = null, Channel = _settings.Channel },
            StartsAt = start,
            EndsAt = start.AddDays(_settings.Days),
            CreatedBy = Context.User,
        };
        campaign.RestoreStatus(CampaignStatus.Completed);
        // Fixed-horizon statistics: nobody peeked at a campaign that ran elsewhere.
        var experiment = new Experiment
        {
            CampaignId = campaign.Id, Name = _settings.Name, Status = ExperimentStatus.Stopped, StartedAt = start, EndedAt = start.AddDays(_settings.Days),
            IsHistorical = true, Engine = StatsEngine.Frequentist,
        };
        var control = new Arm { ExperimentId = experiment.Id, Name = _settings.ControlArm, Position = 0, Allocation = 1, IsControl = true };
        experiment.Arms.Add(control);
        if (Context.Write)
        {
            await Db.BulkInsertAsync([campaign], ct);
            await Db.BulkInsertAsync([experiment], ct);
            await Db.BulkInsertAsync([control], ct);
        }
        _campaign = campaign;
        return experiment;
    }

    private async Task MoveStartAsync(Experiment experiment, DateTime start, CancellationToken ct)
    {
        experiment.StartedAt = start;
        await Db.Experiments.Where(e => e.Id == experiment.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.StartedAt, start), ct);
        await Db.Campaigns.Where(c => c.Id == experiment.CampaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.StartsAt, start), ct);
    }
}
