using Kiosk.Screens.Sessions;

namespace Kiosk.Fuzz.Targets;

/// <summary>
/// MQTT payloads the screens host reads from the broker (state snapshot, events, kiosk status, counter replies), through
/// <see cref="WireAdapter"/>'s readers: each returns true or false, never throws.
/// </summary>
internal static class ScreensWireTarget
{
    public static void Run(byte[] input)
    {
        _ = WireAdapter.TryReadState(input, _ => 10, out _);
        _ = WireAdapter.TryReadEvent(input, out _);
        _ = WireAdapter.TryReadStatus(input, out _);
        _ = WireAdapter.TryReadReply(input, out _, out _);
    }
}
