using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The queue as one MQTT session sees it: the retained state, the kiosk's status and the broker connection.
/// Events only add what a snapshot may not carry yet (the newest calls) and are dropped at or below the snapshot's
/// sequence, so a duplicate or an old event never moves the view back.
/// </summary>
public sealed class QueueView(string siteName)
{
    private const int MaxCalls = 10;
    private readonly Lock gate = new();
    private readonly List<ViewCall> eventCalls = [];
    private WireSnapshot? snapshot;
    private long lastEventSequence;
    private bool brokerConnected;
    private bool kioskOnline;
    private string? kioskMessage;

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

    public void SetKiosk(bool online, string? message)
    {
        lock (gate)
        {
            kioskOnline = online;
            kioskMessage = message;
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
            return new ViewState(siteName, snapshot?.BusinessDay, snapshot?.DayClosed ?? false, snapshot?.Sequence ?? 0,
                brokerConnected, kioskOnline, kioskMessage, services, counters, calls);
        }
    }

    private static string Destination(ViewCall call, IReadOnlyList<ViewCounter> counters) =>
        call.CounterId is null ? "" : counters.FirstOrDefault(c => c.Id == call.CounterId)?.Name ?? $"Loket {call.CounterId}";
}
