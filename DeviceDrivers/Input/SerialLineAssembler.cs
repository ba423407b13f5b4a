using System.Text;
using Kiosk.DeviceDrivers.Scanning;

namespace Kiosk.DeviceDrivers.Input;

/// <summary>
/// Cuts a serial byte stream into scans at CR, LF or CRLF. Bytes become Latin-1 chars one to one, so noise and
/// NULs reach the parser as they came and are rejected there with a reason.
/// </summary>
internal sealed class SerialLineAssembler(int maxLength)
{
    private readonly StringBuilder text = new();
    private bool overflow;

    public bool HasPartialScan => text.Length > 0 || overflow;

    public IReadOnlyList<(string Text, ScanEnd End)> Feed(ReadOnlySpan<byte> bytes)
    {
        var scans = new List<(string, ScanEnd)>();
        foreach (var b in bytes)
        {
            if (b is (byte)'\r' or (byte)'\n')
            {
                // CRLF gives one scan: the LF finds nothing pending and is skipped.
                if (HasPartialScan)
                {
                    scans.Add(Take(overflow ? ScanEnd.Overflow : ScanEnd.Terminator));
                }

                continue;
            }

            if (text.Length >= maxLength)
            {
                overflow = true;
            }
            else
            {
                text.Append((char)b);
            }
        }

        return scans;
    }

    public (string Text, ScanEnd End)? FlushIdle() => HasPartialScan ? Take(overflow ? ScanEnd.Overflow : ScanEnd.Gap) : null;

    public (string Text, ScanEnd End)? Interrupt() => HasPartialScan ? Take(ScanEnd.Interrupted) : null;

    private (string, ScanEnd) Take(ScanEnd end)
    {
        var result = (text.ToString(), end);
        text.Clear();
        overflow = false;
        return result;
    }
}
