namespace Kiosk.Bpjs.Protocol;

/// <summary>What became of one call to BPJS.</summary>
public enum BpjsOutcomeKind
{
    /// <summary>BPJS took it (metadata code 200/201).</summary>
    Delivered,

    /// <summary>BPJS already has it ("already exists", "already called"): done, not a duplicate.</summary>
    AlreadyDone,

    /// <summary>BPJS refused it for good (bad card number, unknown poli): stop this ticket's reports, keep the reason.</summary>
    Refused,

    /// <summary>No answer, a timeout, 5xx, a rate limit or an unreadable answer: try again later.</summary>
    Retry,
}

/// <param name="Kind">What the outbox does next.</param>
/// <param name="Code">BPJS's <c>metadata.code</c>, or the HTTP status when there was no readable metadata; null without an answer.</param>
/// <param name="Message">BPJS's <c>metadata.message</c>, or what went wrong on the way (shown to the officer on a refusal).</param>
public sealed record BpjsOutcome(BpjsOutcomeKind Kind, int? Code, string Message);
