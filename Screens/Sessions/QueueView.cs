using Kiosk.Screens.Text;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The queue as one MQTT session sees it: the retained state, the kiosk's status and the broker connection.
/// Events only add what a snapshot may not carry yet (the newest calls) and are dropped at or below the snapshot's
/// sequence, so a duplicate or an old event never moves the view back.
/// </summary>
public sealed class QueueView(string siteName, TimeProvider time, TimeZoneInfo zone)
{
    private const int MaxCalls = 10;
    private readonly Lock gate = new();
    private readonly List<ViewCall> eventCalls = [];
    private readonly Dictionary<string, KioskCondition> kiosks = new(StringComparer.Ordinal);
    private WireSnapshot? snapshot;
    private long lastEventSequence;
    private bool brokerConnected;
    private KioskNotice? lastNotice;

    public void ApplyState(WireSnapshot state)
    {
        lock (gate)
        {
            snapshot = state;
        }
    }

    /// <summary>Applies an event; false for a duplicate or one the snapshot already covers.</summary>
    public bool ApplyEvent(WireEvent wireEvent)
    {
        lock (gate)
        {
            if (wireEvent.Sequence <= lastEventSequence && wireEvent.Sequence > 0)
            {
                return false;
            }

            lastEventSequence = Math.Max(lastEventSequence, wireEvent.Sequence);
            if (wireEvent.Type is "ticket.called" or "ticket.recalled" && wireEvent.Ticket is { } ticket)
            {
                eventCalls.Insert(0, new ViewCall(ticket.Number, ticket.ServiceCode, wireEvent.CounterId, "", wireEvent.OccurredAt, ticket.CallCount));
                if (eventCalls.Count > MaxCalls)
                {
                    eventCalls.RemoveAt(eventCalls.Count - 1);
                }
            }

            return true;
        }
    }

    public void SetBroker(bool connected)
    {
        lock (gate)
        {
            brokerConnected = connected;
        }
    }

    public void SetKiosk(KioskCondition kiosk)
    {
        ArgumentNullException.ThrowIfNull(kiosk);
        lock (gate)
        {
            kiosks[kiosk.KioskId] = kiosk;
        }
    }

    /// <summary>
    /// True when the kiosk notice differs from the one the last <see cref="Build"/> gave: a kiosk that stops sending
    /// its heartbeat changes what the lokets must be told without any message arriving, so the sessions ask on a timer.
    /// </summary>
    public bool KioskNoticeChanged()
    {
        lock (gate)
        {
            return Notice() != lastNotice;
        }
    }

    public string? ServiceName(string code)
    {
        lock (gate)
        {
            return snapshot?.Services.FirstOrDefault(s => s.Code == code)?.Name;
        }
    }

    public string? CounterName(string id)
    {
        lock (gate)
        {
            return snapshot?.Counters.FirstOrDefault(c => c.Id == id)?.Name;
        }
    }

    public ViewState Build()
    {
        lock (gate)
        {
            var services = snapshot?.Services ?? [];
            var counters = snapshot?.Counters ?? [];
            var calls = (snapshot?.LastCalls ?? eventCalls)
                .Select(c => c with { Destination = Destination(c, counters) })
                .ToList();
            var notice = lastNotice = Notice();
            var online = kiosks.Count > 0 && kiosks.Values.All(k => k.Online && !k.IsStale(time.GetUtcNow()));
            return new ViewState(siteName, snapshot?.BusinessDay, snapshot?.DayClosed ?? false, snapshot?.Sequence ?? 0,
                brokerConnected, online, new KioskNoticeView(notice.Officer, notice.CanServePatients, notice.Severe), notice.Patient, services, counters, calls);
        }
    }

    private KioskNotice Notice() => KioskNotice.For(kiosks.Values, time.GetUtcNow(), zone);

    private static string Destination(ViewCall call, IReadOnlyList<ViewCounter> counters) =>
        call.CounterId is null ? "" : counters.FirstOrDefault(c => c.Id == call.CounterId)?.Name ?? Teks.CounterName(call.CounterId);
}
