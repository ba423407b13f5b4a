using System.Text.Json.Serialization;
using Kiosk.Queue.Text;

namespace Kiosk.Queue.Results;

[JsonConverter(typeof(JsonStringEnumConverter<QueueErrorCode>))]
public enum QueueErrorCode
{
    InvalidRequest,
    UnknownService,
    UnknownPoli,
    UnknownCounter,
    UnknownTicket,
    /// <summary>Daily cap or number band reached: "kuota habis".</summary>
    QuotaExhausted,
    DayClosed,
    InvalidTransition,
    CounterPaused,
    CounterBusy,
    NoTicketAtCounter,
    NothingToCall,
    ServiceNotAtCounter,
    NotPrinted,
}

/// <summary>An expected refusal. Message is Bahasa Indonesia: the officer or patient reads it.</summary>
public sealed record QueueError(QueueErrorCode Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";

    internal static QueueError Invalid(string message) => new(QueueErrorCode.InvalidRequest, message);
    internal static QueueError UnknownService(string code) => new(QueueErrorCode.UnknownService, Teks.Petugas.UnknownService(code));
    internal static QueueError UnknownPoli(string code) => new(QueueErrorCode.UnknownPoli, Teks.Petugas.UnknownPoli(code));
    internal static QueueError UnknownCounter(string id) => new(QueueErrorCode.UnknownCounter, Teks.Petugas.UnknownCounter(id));
    internal static QueueError UnknownTicket(string what) => new(QueueErrorCode.UnknownTicket, Teks.Petugas.UnknownTicket(what));
    internal static QueueError Quota(string name) => new(QueueErrorCode.QuotaExhausted, Teks.Petugas.QuotaExhausted(name));
    internal static QueueError DayClosed(DateOnly day) => new(QueueErrorCode.DayClosed, Teks.Petugas.DayClosed(day));
    internal static QueueError Transition(string number, Model.TicketState state, string action) =>
        new(QueueErrorCode.InvalidTransition, Teks.Petugas.CannotInState(number, StateText(state), action));
    /// <param name="counterName">The counter's display name, which already says "Loket".</param>
    internal static QueueError Paused(string counterName) => new(QueueErrorCode.CounterPaused, Teks.Petugas.CounterOnBreak(counterName));
    internal static QueueError Busy(string number) => new(QueueErrorCode.CounterBusy, Teks.Petugas.CounterBusy(number));
    internal static QueueError NoTicket() => new(QueueErrorCode.NoTicketAtCounter, Teks.Petugas.NoTicketAtCounter);
    internal static QueueError Nothing() => new(QueueErrorCode.NothingToCall, Teks.Petugas.NothingToCall);
    internal static QueueError NotAtCounter(string number) => new(QueueErrorCode.ServiceNotAtCounter, Teks.Petugas.NotThisCountersService(number));
    internal static QueueError NotPrinted(string number) => new(QueueErrorCode.NotPrinted, Teks.Petugas.NotPrintedYet(number));

    internal static string StateText(Model.TicketState state) => Teks.Petugas.TicketState(state);
}
