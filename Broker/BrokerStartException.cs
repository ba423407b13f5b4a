namespace Kiosk.Broker;

/// <summary>The private broker did not come up; the message carries the reason and Mosquitto's own log.</summary>
public sealed class BrokerStartException : Exception
{
    public BrokerStartException()
    {
    }

    public BrokerStartException(string message)
        : base(message)
    {
    }

    public BrokerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
