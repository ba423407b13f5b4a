using System.Text.Json.Serialization;
using Kiosk.Contract;

namespace Kiosk.Queue.Model;

// Patient category, payer, priority, ticket and print state and card kind are the contract's words (Kiosk.Contract):
// the engine stores and serves them as they are, so they have one definition.

/// <summary>How a ticket was made. Engine-only: kept in the ticket log for the technician; no wire payload carries it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketSource>))]
public enum TicketSource
{
    Button,
    Scan,
    Counter,
    Transfer,
    /// <summary>A Mobile JKN booking the BPJS bridge made: a real number, called only once the patient checked in at the kiosk.</summary>
    Booking,
}

/// <summary>Where a skipped ticket goes when the patient comes back.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnPlacement>))]
public enum ReturnPlacement
{
    /// <summary>Behind everyone waiting now.</summary>
    End,
    /// <summary>Next to be called in its service.</summary>
    Front,
    /// <summary>After <see cref="Configuration.QueueEngineOptions.ReturnAfterWaiting"/> waiting tickets.</summary>
    AfterWaiting,
}

public static class TicketStateExtensions
{
    public static bool IsTerminal(this TicketState state) => state is TicketState.NoShow or TicketState.Served
        or TicketState.Transferred or TicketState.Cancelled or TicketState.Expired or TicketState.Voided;

    public static bool IsCallable(this PrintState state) => state is PrintState.Printed or PrintState.NotRequired;
}
