namespace Kiosk.DeviceDrivers.Printing.Interpreting;

public enum DiagnosticKind
{
    /// <summary>A command this interpreter does not know; its length could not be known either.</summary>
    UnknownCommand,

    /// <summary>A known command that changes nothing on a receipt preview (drawer kick, font B, margins...), skipped whole.</summary>
    IgnoredCommand,

    /// <summary>A known command with a parameter outside its range.</summary>
    InvalidParameter,

    /// <summary>The stream ended inside a command.</summary>
    Truncated,
}

/// <summary>Something in the byte stream the preview cannot show faithfully, with where it was.</summary>
public sealed record InterpreterDiagnostic(DiagnosticKind Kind, long Offset, string Message)
{
    public override string ToString() => $"{Kind} at byte {Offset}: {Message}";
}
