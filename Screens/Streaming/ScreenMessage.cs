namespace Kiosk.Screens.Streaming;

/// <summary>One server-sent event for a page: its event name and its JSON, serialised once for every browser.</summary>
public sealed record ScreenMessage(string EventType, string Json);
