using System.Globalization;
using Kiosk.Contract;
using Kiosk.Contract.Events;
using Kiosk.Contract.Json;
using Kiosk.Contract.Reading;
using Kiosk.Contract.State;
using Kiosk.Screens.Text;

namespace Kiosk.Screens.Patients;

/// <summary>
/// The patient pages' index: token → ticket, and what each ticket's page shows. Fed by <see cref="Sessions.DisplaySession"/>
/// with the same state and event payloads the display reads (the display user may read them; counter replies never reach
/// it), so the tokens stay in this host's memory and never go into a page's view (the TV and loket pages are built from
/// <see cref="Views.ViewState"/>, which has no token). Like <see cref="Sessions.QueueView"/>, the retained state is taken
/// only when it is at least as new as the last event, and an event at or below the last sequence is a duplicate. A new
/// business day forgets every ticket: yesterday's token then reads as unknown.
/// <para>
/// The wait estimate: the service's own call rate when this host saw at least <see cref="MinCallsForRate"/> first calls
/// of it in the last hour (calls from every loket together, so more open lokets count by themselves), else the SOP
/// minutes per patient (<c>Screens:SopTargetMinutes</c>) shared by the lokets open for the service. Shown as "± N
/// menit", never a promise: the kiosk calls priority patients first, so the number may grow.
/// </para>
/// </summary>
public sealed class PatientTickets(Func<string, int> sopMinutes, TimeProvider time)
{
    public const int MinCallsForRate = 3;
    public static readonly TimeSpan RateWindow = TimeSpan.FromHours(1);
    private const int KeptCallsPerService = 12;

    /// <summary>A transfer chain longer than this is not followed (a transfer makes one poli ticket; this is a guard).</summary>
    private const int MaxTransferHops = 4;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Guid> byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Entry> tickets = [];
    private readonly Dictionary<string, List<Guid>> waiting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DateTimeOffset>> firstCalls = new(StringComparer.Ordinal);
    private Dictionary<string, string> serviceNames = new(StringComparer.Ordinal);
    private IReadOnlyList<CounterState> counters = [];
    private DateOnly? day;
    private bool dayClosed;
    private long sequence;
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next change of any ticket or of the queue (a page then asks for its view again).</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    /// <summary>Tickets with a token held now (for the memory test: one business day's tickets at most).</summary>
    public int TokenCount
    {
        get
        {
            lock (gate)
            {
                return byToken.Count;
            }
        }
    }

    /// <summary>Takes the retained state; false when it is not the contract (the caller already logs that).</summary>
    public bool ApplyState(ReadOnlySpan<byte> payload)
    {
        if (!WireReader.TryReadState(payload, out var state))
        {
            return false;
        }

        lock (gate)
        {
            if (state.Sequence < sequence)
            {
                return true;
            }

            sequence = state.Sequence;
            if (state.BusinessDay != day)
            {
                Forget(state.BusinessDay);
            }

            dayClosed = state.DayClosed;
            serviceNames = state.Services.ToDictionary(s => s.ServiceCode, s => s.Name, StringComparer.Ordinal);
            counters = state.Counters;
            waiting.Clear();
            foreach (var service in state.Services)
            {
                var order = new List<Guid>(service.Waiting.Count);
                foreach (var ticket in service.Waiting)
                {
                    var known = tickets.GetValueOrDefault(ticket.TicketId);
                    Put(new Entry(ticket.TicketId, ticket.PatientToken ?? known?.Token, ticket.Number, service.ServiceCode, TicketState.Waiting,
                        ticket.PrintState, null, known?.CallCount ?? 0, null, known?.TransferredTo, known?.TransferredFrom ?? ticket.TransferredFrom));
                    order.Add(ticket.TicketId);
                }

                waiting[service.ServiceCode] = order;
            }

            foreach (var counter in state.Counters)
            {
                if (counter.NowServing is { } serving && tickets.GetValueOrDefault(serving.TicketId) is { } known)
                {
                    Put(known with { State = TicketState.Called, CounterId = counter.CounterId, CallCount = serving.CallCount, CalledAt = serving.Since });
                }
            }

            Signal();
        }

        return true;
    }

    /// <summary>Takes one event; false when it is not the contract.</summary>
    public bool ApplyEvent(ReadOnlySpan<byte> payload)
    {
        if (!WireReader.TryReadEvent(payload, out var envelope))
        {
            return false;
        }

        TicketData? ticket = null;
        DayData? dayData = null;
        CounterData? counter = null;
        var kind = EventTypes.DataKind(envelope.Type);
        var readable = kind == typeof(TicketData) ? WireReader.TryReadData(envelope, out ticket)
            : kind == typeof(DayData) ? WireReader.TryReadData(envelope, out dayData)
            : kind != typeof(CounterData) || WireReader.TryReadData(envelope, out counter);
        if (!readable)
        {
            return false;
        }

        lock (gate)
        {
            if (envelope.Sequence <= sequence && envelope.Sequence > 0)
            {
                return true;
            }

            sequence = Math.Max(sequence, envelope.Sequence);
            if (dayData is not null)
            {
                if (envelope.Type == EventTypes.DayOpened && dayData.BusinessDay != day)
                {
                    Forget(dayData.BusinessDay);
                }

                dayClosed = envelope.Type == EventTypes.DayClosed;
            }
            else if (counter is not null)
            {
                counters = [.. counters.Select(c => c.CounterId == counter.CounterId ? c with { Paused = counter.Paused } : c)];
            }
            else if (ticket is not null)
            {
                Apply(envelope, ticket);
            }

            Signal();
        }

        return true;
    }

    /// <summary>The page of <paramref name="token"/>, or null for a token that is malformed or names no ticket of today.</summary>
    public PatientView? Find(string? token)
    {
        if (token is null || !PatientToken.IsWellFormed(token))
        {
            return null;
        }

        lock (gate)
        {
            if (!byToken.TryGetValue(token, out var id) || !tickets.TryGetValue(id, out var ticket))
            {
                return null;
            }

            // After a transfer the patient holds the poli's number: follow it, and say where they came from.
            string? from = null;
            for (var hop = 0; hop < MaxTransferHops && ticket.TransferredTo is { } next && tickets.TryGetValue(next, out var poli); hop++)
            {
                from ??= ticket.Number;
                ticket = poli;
            }

            return Describe(ticket, from);
        }
    }

    private void Apply(EventEnvelope envelope, TicketData data)
    {
        if (day is null)
        {
            day = data.BusinessDay;
        }
        else if (data.BusinessDay != day)
        {
            // An event of another day (a late duplicate after a day change): its ticket is not today's.
            return;
        }

        var known = tickets.GetValueOrDefault(data.TicketId);
        Put(new Entry(data.TicketId, data.PatientToken ?? known?.Token, data.Number, data.ServiceCode, data.State, data.PrintState,
            data.CounterId, data.CallCount, data.CalledAt, data.TransferredTo, data.TransferredFrom));
        var order = waiting.TryGetValue(data.ServiceCode, out var list) ? list : waiting[data.ServiceCode] = [];
        order.Remove(data.TicketId);
        if (data.State == TicketState.Waiting)
        {
            order.Insert(Math.Clamp(data.QueuePosition ?? order.Count, 0, order.Count), data.TicketId);
        }

        if (envelope.Type == EventTypes.TicketCalled && data.CallCount <= 1)
        {
            var calls = firstCalls.TryGetValue(data.ServiceCode, out var kept) ? kept : firstCalls[data.ServiceCode] = [];
            calls.Add(envelope.OccurredAt);
            if (calls.Count > KeptCallsPerService)
            {
                calls.RemoveAt(0);
            }
        }
    }

    private PatientView Describe(Entry ticket, string? transferredFrom)
    {
        var service = serviceNames.GetValueOrDefault(ticket.ServiceCode, ticket.ServiceCode);
        PatientView View(string status, string headline, string advice, int? ahead = null, string? estimate = null, string? basis = null, string? callId = null) =>
            new(ticket.Number, service, status, headline, advice, ahead, estimate, basis, callId, transferredFrom, dayClosed);

        switch (ticket.State)
        {
            case TicketState.Waiting when ticket.PrintState is PrintState.Pending or PrintState.Failed:
                return View("menunggu", Teks.WaitingPrinting, Teks.WaitingPrintingAdvice);
            case TicketState.Waiting:
                var order = waiting.GetValueOrDefault(ticket.ServiceCode) ?? [];
                var place = order.IndexOf(ticket.Id);
                if (place < 0)
                {
                    // The retained state no longer lists it and its event has not come yet: say nothing about places.
                    return View("menunggu", Teks.WaitingUnplaced, Teks.WaitingAdvice);
                }

                var ahead = order.Take(place).Count(id => tickets.TryGetValue(id, out var t) && t.PrintState is PrintState.Printed or PrintState.NotRequired);
                var waitAdvice = transferredFrom is null ? Teks.WaitingAdvice : Teks.TransferredTo(service, ticket.Number) + ". " + Teks.TransferredPendingAdvice;
                if (ahead == 0)
                {
                    return View("menunggu", Teks.WaitingNext, transferredFrom is null ? Teks.WaitingNextAdvice : waitAdvice, ahead: 0);
                }

                var (minutes, basis) = Estimate(ticket.ServiceCode, ahead);
                return View("menunggu", Teks.Ahead(ahead), minutes is null ? Teks.NoCounterOpen : waitAdvice, ahead,
                    minutes is { } m ? Teks.AboutMinutes(m) : null, basis);
            case TicketState.Called:
                var destination = ticket.CounterId is { } id ? CounterName(id) : service;
                var callId = string.Create(CultureInfo.InvariantCulture, $"{ticket.Id:N}-{ticket.CallCount}-{ticket.CalledAt?.ToUnixTimeMilliseconds()}");
                return View("dipanggil", Teks.CalledTo(destination), Teks.CalledAdvice, callId: callId);
            case TicketState.Skipped:
                return View("dilewati", Teks.Skipped, Teks.SkippedAdvice);
            case TicketState.Served:
                return View("selesai", Teks.Served, Teks.ServedAdvice);
            case TicketState.Transferred:
                // The poli ticket is not known here yet (its event is on its way): say where the patient goes.
                return View("selesai", Teks.TransferredPending, Teks.TransferredPendingAdvice);
            case TicketState.NoShow:
                return View("tidak-hadir", Teks.NoShow, Teks.NoShowAdvice);
            case TicketState.Expired:
                return View("kedaluwarsa", Teks.Expired, Teks.ExpiredAdvice);
            default:
                return View("batal", Teks.Cancelled, Teks.CancelledAdvice);
        }
    }

    private (int? Minutes, string? Basis) Estimate(string serviceCode, int ahead)
    {
        var now = time.GetUtcNow();
        var recent = firstCalls.GetValueOrDefault(serviceCode)?.Where(at => now - at <= RateWindow).ToList() ?? [];
        if (recent.Count >= MinCallsForRate)
        {
            var perPatient = (recent[^1] - recent[0]) / (recent.Count - 1);
            return (RoundUp(perPatient * ahead), Teks.BasisCallRate);
        }

        var open = counters.Count(c => !c.Paused && c.Services.Contains(serviceCode, StringComparer.Ordinal));
        if (open == 0)
        {
            return (null, null);
        }

        return (RoundUp(TimeSpan.FromMinutes(sopMinutes(serviceCode)) * ahead / open), Teks.BasisSop);
    }

    /// <summary>
    /// The contract reader lets a JSON null through where the contract says "never null" (a hostile or broken publisher):
    /// meeting it here, inside the reader's try, refuses the payload instead of throwing later under the lock.
    /// </summary>
    private static int RoundUp(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    private string CounterName(string id) =>
        counters.FirstOrDefault(c => c.CounterId == id)?.Name is { Length: > 0 } name ? name : Teks.CounterName(id);

    private void Put(Entry entry)
    {
        if (tickets.TryGetValue(entry.Id, out var old) && old.Token is { } oldToken && oldToken != entry.Token)
        {
            byToken.Remove(oldToken);
        }

        tickets[entry.Id] = entry;
        if (entry.Token is { } token && PatientToken.IsWellFormed(token))
        {
            byToken[token] = entry.Id;
        }
    }

    private void Forget(DateOnly? newDay)
    {
        day = newDay;
        byToken.Clear();
        tickets.Clear();
        waiting.Clear();
        firstCalls.Clear();
    }

    private void Signal()
    {
        var done = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.TrySetResult();
    }

    /// <summary>The same "not the contract" set as <see cref="Sessions.WireAdapter"/>'s readers.</summary>
    private sealed record Entry(Guid Id, string? Token, string Number, string ServiceCode, TicketState State, PrintState PrintState,
        string? CounterId, int CallCount, DateTimeOffset? CalledAt, Guid? TransferredTo, Guid? TransferredFrom);
}
