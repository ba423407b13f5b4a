namespace Kiosk.Contract.Topics;

/// <summary>The channels of docs/asyncapi.yaml.</summary>
public enum TopicKind
{
    Unknown,
    Events,
    State,
    Display,
    KioskStatus,
    Command,
    Reply,
}
