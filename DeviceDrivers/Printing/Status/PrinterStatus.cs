namespace Kiosk.DeviceDrivers.Printing.Status;

/// <summary>A printer status reading: the condition to act on, the raw flags behind it and a human explanation.</summary>
public sealed record PrinterStatus(PrinterCondition Condition, PrinterStatusBits Flags, string Detail, DateTimeOffset ReadAt)
{
    /// <summary>True when a ticket can be printed now (near-end still prints).</summary>
    public bool CanPrint => Condition is PrinterCondition.Ok or PrinterCondition.PaperNearEnd;

    public bool IsKnown => Condition != PrinterCondition.Unknown;

    public static PrinterStatus Unknown(string detail) => new(PrinterCondition.Unknown, PrinterStatusBits.None, detail, DateTimeOffset.UtcNow);

    public static PrinterStatus Unreachable(string detail) => new(PrinterCondition.Offline, PrinterStatusBits.Offline | PrinterStatusBits.Unreachable, detail, DateTimeOffset.UtcNow);

    /// <summary>Derives the condition from flags, worst first: a printer with its cover open is offline too, but "cover open" tells staff what to do.</summary>
    public static PrinterStatus FromFlags(PrinterStatusBits flags, string? detail = null)
    {
        var condition =
            flags.HasFlag(PrinterStatusBits.Unreachable) ? PrinterCondition.Offline
            : flags.HasFlag(PrinterStatusBits.CoverOpen) ? PrinterCondition.CoverOpen
            : flags.HasFlag(PrinterStatusBits.PaperOut) || flags.HasFlag(PrinterStatusBits.PaperEndStop) ? PrinterCondition.PaperOut
            : flags.HasFlag(PrinterStatusBits.CutterError) ? PrinterCondition.CutterError
            : (flags & (PrinterStatusBits.Offline | PrinterStatusBits.UnrecoverableError | PrinterStatusBits.AutoRecoverableError)) != 0 ? PrinterCondition.Offline
            : flags.HasFlag(PrinterStatusBits.PaperNearEnd) ? PrinterCondition.PaperNearEnd
            : PrinterCondition.Ok;
        return new PrinterStatus(condition, flags, detail ?? (flags == PrinterStatusBits.None ? "ready" : flags.ToString()), DateTimeOffset.UtcNow);
    }

    /// <summary>Same condition and flags (the time and wording of two readings may differ).</summary>
    public bool SameStateAs(PrinterStatus? other) => other is not null && other.Condition == Condition && other.Flags == Flags;
}
