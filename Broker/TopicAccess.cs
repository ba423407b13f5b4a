namespace Kiosk.Broker;

/// <summary>What a Mosquitto ACL line grants: <c>topic read</c>, <c>topic write</c> or <c>topic readwrite</c>.</summary>
public enum TopicAccess
{
    Read,
    Write,
    ReadWrite,
}
