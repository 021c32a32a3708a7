using System.Globalization;
using Cronos;

namespace Campaigns.Application.Models;

/// <summary>
/// A UTC cron expression (five fields, as Hangfire reads it) with what an Admin needs before saving one: a
/// specific parse error, a plain-language description, and the next run times.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private readonly CronExpression _expression;

    public string Expression { get; }

    private CronSchedule(string expression, CronExpression parsed) => (Expression, _expression) = (expression, parsed);

    /// <returns>The schedule, or null with a message saying what is wrong.</returns>
    public static (CronSchedule? Schedule, string? Error) Parse(string? text)
    {
        var expression = string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (expression.Length == 0) return (null, "Enter a cron expression, e.g. \"0 3 * * 1\" for every Monday at 03:00 UTC.");
        var fields = expression.Split(' ').Length;
        if (fields != 5) return (null, $"A cron expression has five fields (minute hour day-of-month month day-of-week); this one has {fields}.");
        try
        {
            return (new CronSchedule(expression, CronExpression.Parse(expression, CronFormat.Standard)), null);
        }
        catch (CronFormatException ex)
        {
            return (null, $"Not a valid cron expression: {ex.Message}");
        }
    }

    public IReadOnlyList<DateTime> NextRuns(DateTime fromUtc, int count)
    {
        var runs = new List<DateTime>(count);
        var from = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        while (runs.Count < count && _expression.GetNextOccurrence(from, TimeZoneInfo.Utc) is { } next)
        {
            runs.Add(next);
            from = next;
        }
        return runs;
    }

    /// <summary>"every Monday at 03:00 UTC" for the common shapes; the fields spelled out otherwise.</summary>
    public string Describe()
    {
        var f = Expression.Split(' ');
        var (minute, hour, dayOfMonth, month, dayOfWeek) = (f[0], f[1], f[2], f[3], f[4]);
        bool Number(string s, out int n) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out n);
        var at = Number(minute, out var m) && Number(hour, out var h) ? $"at {h:00}:{m:00} UTC" : null;
        if (minute.StartsWith("*/") && hour == "*" && dayOfMonth == "*" && month == "*" && dayOfWeek == "*") return $"every {minute[2..]} minutes";
        if (Number(minute, out var mm) && hour.StartsWith("*/") && dayOfMonth == "*" && month == "*" && dayOfWeek == "*") return $"every {hour[2..]} hours at minute {mm}";
        if (Number(minute, out var m2) && hour == "*" && dayOfMonth == "*" && month == "*" && dayOfWeek == "*") return $"every hour at minute {m2}";
        if (at is not null && month == "*")
        {
            if (dayOfMonth == "*" && dayOfWeek == "*") return $"every day {at}";
            if (dayOfMonth == "*" && DayList(dayOfWeek) is { } days) return $"every {days} {at}";
            if (Number(dayOfMonth, out var d) && dayOfWeek == "*") return $"on day {d} of every month {at}";
        }
        return $"minute {minute}, hour {hour}, day of month {dayOfMonth}, month {month}, day of week {dayOfWeek} (UTC)";
    }

    private static string? DayList(string field)
    {
        if (field == "1-5") return "weekday";
        var names = new List<string>();
        foreach (var part in field.Split(','))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d > 7) return null;
            names.Add(Days[d % 7]);
        }
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
    }
}
