using System.Text.Json.Serialization;

namespace Kiosk.Queue.Model;

/// <summary>New patients bring identity papers; returning patients bring their kartu berobat.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatientCategory>))]
public enum PatientCategory
{
    Baru,
    Lama,
    /// <summary>Not asked (a button that does not ask, a card that does not tell): counted as such, never guessed.</summary>
    Unknown,
}

[JsonConverter(typeof(JsonStringEnumConverter<Payer>))]
public enum Payer
{
    Bpjs,
    Umum,
    /// <summary>Not asked and not read from a card.</summary>
    Unknown,
}

/// <summary>Groups the SOPs serve first; None is the normal queue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PriorityClass>))]
public enum PriorityClass
{
    None,
    Lansia,
    IbuHamil,
    Disabilitas,
    Balita,
    /// <summary>A shared priority button that does not ask which kind: served first, counted apart, never guessed as Lansia.</summary>
    Unspecified,
}

[JsonConverter(typeof(JsonStringEnumConverter<TicketState>))]
public enum TicketState
{
    Waiting,
    Called,
    Skipped,
    NoShow,
    Served,
    Transferred,
    Cancelled,
    Expired,
    Voided,
}

/// <summary>
/// A ticket is committed before it is printed; only Printed (or NotRequired, for tickets a counter
/// hands out itself) tickets may be called, so a number nobody holds is never called.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrintState>))]
public enum PrintState
{
    Pending,
    Printed,
    Failed,
    NotRequired,
}

[JsonConverter(typeof(JsonStringEnumConverter<TicketSource>))]
public enum TicketSource
{
    Button,
    Scan,
    Counter,
    Transfer,
}

[JsonConverter(typeof(JsonStringEnumConverter<CardKind>))]
public enum CardKind
{
    MedicalRecord,
    Bpjs,
    Nik,
    JknBooking,
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
