using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// One right of a broker role on one channel of docs/asyncapi.yaml. <paramref name="OwnCounterOnly"/>: for
/// <c>counter-N</c>, only the topic of counter N (its own command and reply), never another counter's.
/// </summary>
public sealed record BrokerGrant(TopicAccess Access, TopicKind Channel, bool OwnCounterOnly = false)
{
    public bool CanRead => Access is TopicAccess.Read or TopicAccess.ReadWrite;

    public bool CanWrite => Access is TopicAccess.Write or TopicAccess.ReadWrite;
}
