namespace Kiosk.Screens.Voice;

/// <summary>One call for the waiting room: the clips in the order they are played and the same words as text.</summary>
/// <param name="Id">Unique per call; the page never plays one id twice.</param>
public sealed record Announcement(string Id, string Number, string Destination, string Text, IReadOnlyList<string> Clips, string? ServiceCode, string? CounterId);
