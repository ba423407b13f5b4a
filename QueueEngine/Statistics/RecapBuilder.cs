using Kiosk.Contract;
using Kiosk.Queue.Configuration;
using Kiosk.Queue.Model;

namespace Kiosk.Queue.Statistics;

internal static class RecapBuilder
{
    public static DailyRecap Build(string siteId, DateOnly day, IReadOnlyCollection<Ticket> tickets, IReadOnlyDictionary<string, QueueDefinition> queues, PatientLabels labels)
    {
        var arrivals = tickets.Where(t => t.Source != TicketSource.Transfer).ToList();
        var hours = tickets.GroupBy(t => t.IssuedAt.Hour).OrderBy(g => g.Key)
            .Select(g => new HourRecap(g.Key, g.Count(t => t.Source != TicketSource.Transfer), g.Count(t => t.FirstCalledAt is not null),
                Average(g.Select(t => t.WaitTime)), Average(g.Select(t => t.ServiceTime))))
            .ToList();
        var busiest = hours.Where(h => h.Issued > 0).OrderByDescending(h => h.Issued).ThenBy(h => h.Hour).FirstOrDefault();
        return new DailyRecap
        {
            SiteId = siteId,
            BusinessDay = day,
            Issued = arrivals.Count,
            Visitors = arrivals.Where(t => t.State != TicketState.Voided).Sum(t => t.FamilySize),
            Served = tickets.Count(t => t.State == TicketState.Served),
            NoShow = tickets.Count(t => t.State == TicketState.NoShow),
            Transferred = tickets.Count(t => t.State == TicketState.Transferred),
            Cancelled = tickets.Count(t => t.State == TicketState.Cancelled),
            Expired = tickets.Count(t => t.State == TicketState.Expired),
            Voided = tickets.Count(t => t.State == TicketState.Voided),
            Emergency = arrivals.Count(t => t.IsEmergency),
            ByCategory = Count(arrivals, t => t.Category, labels.For),
            ByPayer = Count(arrivals, t => t.Payer, labels.For),
            ByPriority = Count(arrivals, t => t.Priority, labels.For),
            Overall = Times(tickets, t => queues.TryGetValue(t.ServiceCode, out var q) ? q.SopTarget : null),
            Services = queues.Values.OrderBy(q => q.IsPoli).Select(q =>
            {
                var own = tickets.Where(t => t.ServiceCode == q.Code).ToList();
                return new ServiceRecap(q.Code, q.Name, q.IsPoli, q.SopTarget, own.Count,
                    own.Count(t => t.State == TicketState.Served), own.Count(t => t.State == TicketState.NoShow),
                    own.Count(t => t.State == TicketState.Transferred), own.Count(t => t.State == TicketState.Cancelled),
                    own.Count(t => t.State == TicketState.Expired), own.Count(t => t.IsEmergency), Times(own, _ => q.SopTarget));
            }).ToList(),
            Hours = hours,
            BusiestHour = busiest?.Hour,
        };
    }

    private static List<CountRow> Count<T>(List<Ticket> tickets, Func<Ticket, T> key, Func<T, string> label)
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(k => new CountRow(k.ToString(), tickets.Count(t => key(t).Equals(k))) { Label = label(k) }).ToList();

    internal static TimeStats Times(IReadOnlyCollection<Ticket> tickets, Func<Ticket, TimeSpan?> target)
    {
        var waits = tickets.Where(t => t.WaitTime is not null).Select(t => t.WaitTime!.Value).ToList();
        var services = tickets.Where(t => t.ServiceTime is not null).ToList();
        var serviceTimes = services.Select(t => t.ServiceTime!.Value).ToList();
        var withTarget = services.Where(t => target(t) is not null).ToList();
        double? within = withTarget.Count == 0 ? null : withTarget.Count(t => t.ServiceTime <= target(t)) / (double)withTarget.Count;
        return new TimeStats(waits.Count, Average(waits.Select(w => (TimeSpan?)w)), Percentile(waits, 0.9),
            serviceTimes.Count, Average(serviceTimes.Select(s => (TimeSpan?)s)), Percentile(serviceTimes, 0.9), within);
    }

    private static TimeSpan? Average(IEnumerable<TimeSpan?> values)
    {
        var list = values.Where(v => v is not null).Select(v => v!.Value.Ticks).ToList();
        return list.Count == 0 ? null : TimeSpan.FromTicks((long)Math.Round(list.Average()));
    }

    /// <summary>Nearest-rank percentile: an actual observed value, easy to explain in a report.</summary>
    internal static TimeSpan? Percentile(List<TimeSpan> values, double p)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
