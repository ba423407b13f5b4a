using Kiosk.Device.Input;
using Kiosk.DeviceDrivers.Gpio;
using Kiosk.DeviceDrivers.Printing.Status;
using Kiosk.DeviceDrivers.Printing.Transports;

namespace Kiosk.Simulator.KioskPart;

/// <summary>
/// One line between the simulator and its kiosk process. One shape for every kind keeps the reader a single
/// deserialize: <see cref="Type"/> says which fields are filled. A request that wants an answer carries an
/// <see cref="Id"/>, and its reply carries the same one.
/// </summary>
public sealed class PartMessage
{
    // Simulator to kiosk.
    public const string Press = "press";
    public const string Scan = "scan";
    public const string Clock = "clock";
    public const string CheckPrinter = "check-printer";
    public const string CheckDayClose = "check-day-close";
    public const string Printed = "printed";
    public const string StatusRead = "status-read";

    // Kiosk to simulator.
    public const string Ready = "ready";
    public const string Lamp = "lamp";
    public const string Activity = "activity";
    public const string Print = "print";
    public const string QueryStatus = "query-status";

    public required string Type { get; init; }

    public long? Id { get; init; }

    /// <summary>The button pressed, or the scanned text.</summary>
    public string? Text { get; init; }

    /// <summary>How far the simulator's clock runs ahead of the machine's, in ticks.</summary>
    public long? ClockOffsetTicks { get; init; }

    /// <summary>An ESC/POS job (base64 on the wire).</summary>
    public byte[]? Job { get; init; }

    public PrintResult? Result { get; init; }

    public PrinterStatus? Status { get; init; }

    public LampChangedEventArgs? LampChange { get; init; }

    public KioskActivityEventArgs? Happened { get; init; }

    public PartReady? Front { get; init; }
}
