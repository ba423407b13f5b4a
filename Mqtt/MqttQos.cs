namespace Kiosk.Mqtt;

/// <summary>MQTT delivery guarantee of a publish or a subscription.</summary>
public enum MqttQos
{
    AtMostOnce = 0,
    AtLeastOnce = 1,
    ExactlyOnce = 2,
}
