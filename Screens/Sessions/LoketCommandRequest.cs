namespace Kiosk.Screens.Sessions;

/// <summary>
/// What the loket page POSTs for one button press (browser to this host, not a wire payload). <see cref="Counter"/> is
/// only checked against the logged-in counter: the command always goes to the session's own topic.
/// </summary>
public sealed record LoketCommandRequest
{
    public string? CommandId { get; init; }

    public string? Type { get; init; }

    public int? Counter { get; init; }

    public string? TicketNumber { get; init; }

    public string? Poli { get; init; }

    public string? Service { get; init; }

    public string? Category { get; init; }

    public string? Payer { get; init; }

    public string? Priority { get; init; }

    public int? FamilySize { get; init; }

    public string? Reason { get; init; }
}
