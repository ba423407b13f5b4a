using Kiosk.Contract.Json;
using System.Text.Json.Serialization;

namespace Kiosk.Contract;

// Every enum on the wire is a kebab-case string ("no-show", "ibu-hamil"), the same rule as the command types.

/// <summary>Where a ticket is in its life. Terminal: no-show, served, transferred, cancelled, expired, voided.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<TicketState>))]
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

/// <summary>Only printed (or not-required: made by a counter) tickets can be called.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PrintState>))]
public enum PrintState
{
    Pending,
    Printed,
    Failed,
    NotRequired,
}

/// <summary>Pasien baru (brings identity papers) or lama (brings the kartu berobat); unknown when nobody asked.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PatientCategory>))]
public enum PatientCategory
{
    Baru,
    Lama,
    /// <summary>Not asked (a button that does not ask, a card that does not tell): counted as such, never guessed.</summary>
    Unknown,
}

[JsonConverter(typeof(KebabCaseEnumConverter<Payer>))]
public enum Payer
{
    Bpjs,
    Umum,
    /// <summary>Not asked and not read from a card.</summary>
    Unknown,
}

/// <summary>The priority group a ticket belongs to; none is the normal queue.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PriorityKind>))]
public enum PriorityKind
{
    None,
    Lansia,
    IbuHamil,
    Disabilitas,
    Balita,
    /// <summary>A shared priority button that does not ask which kind: served first, counted apart.</summary>
    Unspecified,
}

/// <summary>What kind of card number a ticket carries (counter replies only).</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<CardKind>))]
public enum CardKind
{
    MedicalRecord,
    Bpjs,
    Nik,
    JknBooking,
}

/// <summary>The printer as the kiosk sees it.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PrinterCondition>))]
public enum PrinterCondition
{
    Ok,
    PaperLow,
    PaperOut,
    CoverOpen,
    CutterError,
    Offline,
    Unknown,
}
