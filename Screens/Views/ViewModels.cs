namespace Kiosk.Screens.Views;

// What the pages receive over SSE (serialised camelCase by ScreensJson). These are the screens' own view of the
// queue, built from the wire contract by WireAdapter; they are not wire payloads.

/// <summary>Everything a page draws. The display's copy never holds card data (none reaches it).</summary>
public sealed record ViewState(
    string SiteName,
    string? BusinessDay,
    bool DayClosed,
    long Sequence,
    bool BrokerConnected,
    bool KioskOnline,
    KioskNoticeView Kiosk,
    string? PatientNotice,
    IReadOnlyList<ViewService> Services,
    IReadOnlyList<ViewCounter> Counters,
    IReadOnlyList<ViewCall> LastCalls);

public sealed record ViewService(string Code, string Name, bool IsPoli, int Waiting, int SopMinutes, IReadOnlyList<ViewTicket> Tickets);

/// <param name="TicketId">Which ticket this is, for the host only (matching BPJS refusals): never sent to a page.</param>
/// <param name="Bpjs">The loket's line when BPJS refused this ticket's report ("Laporan BPJS ditolak: …"); null otherwise.</param>
public sealed record ViewTicket(
    string Number,
    string ServiceCode,
    DateTimeOffset? IssuedAt,
    string Priority,
    string Category,
    string Payer,
    int FamilySize,
    string? TransferredFromNumber,
    DateTimeOffset? CalledAt,
    int CallCount,
    [property: System.Text.Json.Serialization.JsonIgnore] Guid? TicketId = null,
    string? Bpjs = null);

/// <param name="Services">The service and poli codes this counter calls from (the loket page lists those first).</param>
/// <param name="CalledToday">From the kiosk (contract 1.1); null from an older kiosk.</param>
public sealed record ViewCounter(string Id, string Name, bool Paused, ViewTicket? NowServing, IReadOnlyList<string> Services, int? CalledToday);

/// <summary>The kiosks' state for the lokets: the banner, whether it stops tickets, whether patients can get a ticket.</summary>
/// <remarks>The waiting room's line is <see cref="ViewState.PatientNotice"/>.</remarks>
public sealed record KioskNoticeView(string? Officer, bool CanServePatients, bool Severe);

public sealed record ViewCall(string Number, string ServiceCode, string? CounterId, string Destination, DateTimeOffset At, int CallCount);

/// <summary>The loket page's extra: the card the patient now served scanned (this counter's reply only) and today's count.</summary>
/// <param name="Bpjs">What the BPJS bridge says to the officer; null when all is well or there is no bridge.</param>
public sealed record LoketView(int Counter, string CounterName, ViewState State, LoketCard? Card, int CalledToday, LoketBpjsView? Bpjs = null);

/// <summary>
/// The BPJS bridge's word for a loket: the backlog line while reports wait ("12 laporan BPJS menunggu koneksi sejak
/// 08.14") or, in its place, the line saying the bridge is not running, and the refusals of today's tickets that are not on the page (each shown ticket carries its own line).
/// </summary>
public sealed record LoketBpjsView(string? Backlog, IReadOnlyList<string> OtherRefusals);

public sealed record LoketCard(string TicketNumber, string Kind, string Number);

/// <summary>The answer to a command POST, shown to the officer as it came from the kiosk.</summary>
public sealed record CommandAnswer(string? CommandId, bool Ok, string Message, string? ErrorCode, ViewTicket? Ticket, ViewTicket? NewTicket);

/// <summary>The answer to a command POST the kiosk has not answered yet (HTTP 202): the host keeps sending it.</summary>
public sealed record PendingAnswer(string CommandId, bool Pending, string Message);
