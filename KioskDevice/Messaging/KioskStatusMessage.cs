namespace Kiosk.Device.Messaging;

/// <summary>
/// Retained on <c>queue/{site}/kiosk/{kiosk}/status</c>. The broker publishes the offline variant as the kiosk's last
/// will when its connection dies, so displays and counters always know whether the kiosk is there.
/// </summary>
public sealed record KioskStatusMessage(
    string Kiosk,
    bool Online,
    string Printer,
    string Message,
    int UnprintedTickets,
    DateTimeOffset? At)
{
    public static KioskStatusMessage Offline(string kiosk) =>
        new(kiosk, Online: false, Printer: "unknown", Message: "Kiosk tidak terhubung", UnprintedTickets: 0, At: null);
}
