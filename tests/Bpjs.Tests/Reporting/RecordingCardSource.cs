using System.Collections.Concurrent;
using Kiosk.Bpjs.Reporting;

namespace Kiosk.Bpjs.Tests.Reporting;

/// <summary>The kiosk's card answers for the bridge's tests: every ticket has <see cref="Card"/> unless told otherwise.</summary>
internal sealed class RecordingCardSource : ICardNumberSource
{
    public static JknCard Card { get; } = new("0001234567890", "3201010101010001", null);

    /// <summary>Cards of particular tickets; any other ticket has <see cref="Card"/>.</summary>
    public ConcurrentDictionary<Guid, JknCard> Cards { get; } = new();

    /// <summary>Tickets the kiosk has no card for (answers null).</summary>
    public ConcurrentDictionary<Guid, bool> WithoutCard { get; } = new();

    /// <summary>Tickets whose request the kiosk does not answer in time.</summary>
    public ConcurrentDictionary<Guid, bool> Silent { get; } = new();

    public Task<JknCard?> CardOfAsync(Guid ticketId, CancellationToken cancellationToken)
    {
        if (Silent.ContainsKey(ticketId))
        {
            throw new TimeoutException("the kiosk did not answer");
        }

        return Task.FromResult<JknCard?>(WithoutCard.ContainsKey(ticketId) ? null : Cards.GetValueOrDefault(ticketId, Card));
    }
}
