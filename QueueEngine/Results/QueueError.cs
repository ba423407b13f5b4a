using Kiosk.Contract;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Text;

namespace Kiosk.Queue.Results;

/// <summary>
/// An expected refusal. Message is Bahasa Indonesia: the officer or patient reads it. The engine gives only the codes of
/// its own rules; bad-command, unsupported-version, clock-skew and kiosk-fault come from the kiosk around it.
/// </summary>
public sealed record QueueError(ErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    internal static QueueError Invalid(string message) => new(ErrorCode.InvalidRequest, message);
    internal static QueueError UnknownService(string code) => new(ErrorCode.UnknownService, Teks.Petugas.UnknownService(code));
    internal static QueueError UnknownPoli(string code) => new(ErrorCode.UnknownPoli, Teks.Petugas.UnknownPoli(code));
    internal static QueueError UnknownCounter(string id) => new(ErrorCode.UnknownCounter, Teks.Petugas.UnknownCounter(id));
    internal static QueueError UnknownTicket(string what) => new(ErrorCode.UnknownTicket, Teks.Petugas.UnknownTicket(what));
    internal static QueueError Quota(string name) => new(ErrorCode.QuotaExhausted, Teks.Petugas.QuotaExhausted(name));
    internal static QueueError DayClosed(DateOnly day) => new(ErrorCode.DayClosed, Teks.Petugas.DayClosed(day));
    internal static QueueError Transition(string number, TicketState state, string action) =>
        new(ErrorCode.InvalidTransition, Teks.Petugas.CannotInState(number, StateText(state), action));
    /// <param name="counterName">The counter's display name, which already says "Loket".</param>
    internal static QueueError Paused(string counterName) => new(ErrorCode.CounterPaused, Teks.Petugas.CounterOnBreak(counterName));
    internal static QueueError Busy(string number) => new(ErrorCode.CounterBusy, Teks.Petugas.CounterBusy(number));
    internal static QueueError NoTicket() => new(ErrorCode.NoTicketAtCounter, Teks.Petugas.NoTicketAtCounter);
    internal static QueueError Nothing() => new(ErrorCode.NothingToCall, Teks.Petugas.NothingToCall);
    internal static QueueError NotAtCounter(string number) => new(ErrorCode.ServiceNotAtCounter, Teks.Petugas.NotThisCountersService(number));
    internal static QueueError NotPrinted(string number) => new(ErrorCode.NotPrinted, Teks.Petugas.NotPrintedYet(number));

    internal static string StateText(TicketState state) => Teks.Petugas.TicketState(state);
}
