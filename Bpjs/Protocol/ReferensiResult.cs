namespace Kiosk.Bpjs.Protocol;

/// <summary>A reference list from BPJS, or, when there is none, the outcome that says why (Retry or Refused).</summary>
public sealed record ReferensiResult<T>(IReadOnlyList<T>? Items, BpjsOutcome Outcome)
{
    public bool HasItems => Items is not null;
}
