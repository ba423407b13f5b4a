namespace Kiosk.Screens.Voice;

/// <summary>One call for the waiting room: the clips in the order they are played and the same words as text.</summary>
/// <param name="Id">Unique per call; the page never plays one id twice.</param>
/// <param name="Audio">
/// The whole call as one joined WAV (<see cref="AnnouncementAudio"/>), or null when a clip name cannot be joined (the
/// page then plays <paramref name="Clips"/> one after another).
/// </param>
public sealed record Announcement(string Id, string Number, string Destination, string Text, IReadOnlyList<string> Clips, string? ServiceCode, string? CounterId, string? Audio)
{
    /// <summary>When the officer called (the kiosk's event time): the page orders the calls by it.</summary>
    public DateTimeOffset? CalledAt { get; init; }

    /// <summary>
    /// When this host sent the call to the pages. The page adds its own time since receipt to <c>SentAt - CalledAt</c>
    /// to know the call's age when the voice reaches it, so a TV whose clock is off still skips a stale call.
    /// </summary>
    public DateTimeOffset? SentAt { get; init; }
}
