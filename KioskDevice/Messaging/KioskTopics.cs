using System.Globalization;

namespace Kiosk.Device.Messaging;

/// <summary>
/// The MQTT topic tree of one site (documented in README.md, "Messages"). Counter ids in topics are the numbers of
/// the <c>counter-N</c> broker users, so the broker ACL is what proves who sent a command.
/// </summary>
public sealed class KioskTopics(string site, string kioskId)
{
    private readonly string root = $"queue/{site}";

    public string Site => site;

    public string KioskId => kioskId;

    public string State => $"{root}/state";

    public string Events => $"{root}/events";

    public string KioskStatus => $"{root}/kiosk/{kioskId}/status";

    public string AllCommands => $"{root}/counter/+/command";

    public string Command(int counterId) => $"{root}/counter/{counterId.ToString(CultureInfo.InvariantCulture)}/command";

    public string Reply(int counterId) => $"{root}/counter/{counterId.ToString(CultureInfo.InvariantCulture)}/reply";

    public string Display(int counterId) => $"{root}/display/{counterId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads the counter id out of <c>queue/{site}/counter/{id}/command</c>; false for anything else.</summary>
    public bool TryParseCommandTopic(string topic, out int counterId)
    {
        counterId = 0;
        var prefix = $"{root}/counter/";
        const string suffix = "/command";
        if (!topic.StartsWith(prefix, StringComparison.Ordinal) || !topic.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var id = topic.AsSpan(prefix.Length, topic.Length - prefix.Length - suffix.Length);
        return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out counterId) && counterId > 0;
    }
}
