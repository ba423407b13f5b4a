namespace Kiosk.DeviceDrivers.Printing.Transports;

/// <summary>
/// How long a transport waits. The write timeout covers a whole job: a ticket with a logo is a few kB and a 9600
/// baud serial printer needs about 1 s per kB, so 15 s leaves room; a status reply comes within milliseconds from a
/// healthy printer.
/// </summary>
public sealed record PrinterTimeouts(TimeSpan Connect, TimeSpan Write, TimeSpan StatusReply)
{
    public static PrinterTimeouts Default { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
}
