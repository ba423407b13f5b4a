using Kiosk.Contract.Topics;

namespace Kiosk.Device.Messaging;

/// <summary>The topics of this kiosk, from the contract's one topic tree (<see cref="SiteTopics"/>).</summary>
public sealed class KioskTopics(string site, string kioskId)
{
    public SiteTopics Tree { get; } = new(site);

    public string Site => site;

    public string KioskId => kioskId;

    public string State => Tree.State;

    public string Events => Tree.Events;

    public string KioskStatus => Tree.KioskStatus(kioskId);

    public string AllCommands => Tree.AnyCommand;

    public string Command(int counterId) => Tree.Command(counterId);

    public string Reply(int counterId) => Tree.Reply(counterId);

    public string Display(int counterId) => Tree.Display(counterId);

    /// <summary>Reads the counter id out of a command topic of this site; false for anything else.</summary>
    public bool TryParseCommandTopic(string topic, out int counterId) => Tree.TryParseCommandTopic(topic, out counterId);
}
