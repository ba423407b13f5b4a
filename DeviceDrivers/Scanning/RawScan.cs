namespace Kiosk.DeviceDrivers.Scanning;

/// <summary>
/// What a reader delivered, before any judgement. Serial bytes arrive as Latin-1 chars (one char per byte) so
/// binary noise stays visible to the parser. <see cref="ToString"/> masks the text: scans carry personal numbers.
/// </summary>
public sealed record RawScan(string Text, ScanEnd End, string Source, DateTimeOffset ReceivedAt)
{
    public override string ToString() => $"RawScan {{ Text = {PersonalNumber.Mask(Text)}, Length = {Text.Length}, End = {End}, Source = {Source} }}";
}
