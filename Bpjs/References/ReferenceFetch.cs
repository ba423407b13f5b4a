using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.References;

/// <summary>One fetch of the day's references: the snapshot now in use, or null with BPJS's outcome saying why.</summary>
public sealed record ReferenceFetch(ReferenceSnapshot? Snapshot, BpjsOutcome Outcome);
