namespace Kiosk.Mqtt.Internal;

/// <summary>A QoS 1/2 publish owned by the session until PUBACK (QoS 1) or PUBCOMP (QoS 2) arrives.</summary>
internal sealed class OutgoingPublish(MqttApplicationMessage message, long sequence)
{
    public MqttApplicationMessage Message { get; } = message;

    /// <summary>Publish order, so a resend after reconnect keeps the original order.</summary>
    public long Sequence { get; } = sequence;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>0 while waiting in the session queue for a free packet id / inflight slot.</summary>
    public ushort PacketId { get; set; }

    /// <summary>Written at least once: a later send is a redelivery and carries DUP=1.</summary>
    public bool Sent { get; set; }

    /// <summary>QoS 2 after PUBREC: what is resent now is PUBREL, never the PUBLISH.</summary>
    public bool Released { get; set; }
}
