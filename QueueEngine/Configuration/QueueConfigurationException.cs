namespace Kiosk.Queue.Configuration;

/// <summary>A configuration value the engine cannot start with; names the key and the reason.</summary>
public sealed class QueueConfigurationException : Exception
{
    public QueueConfigurationException(string key, string reason)
        : base($"Queue configuration '{key}': {reason}")
    {
        Key = key;
        Reason = reason;
    }

    public QueueConfigurationException() : this("?", "invalid")
    {
    }

    public QueueConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
        Key = "?";
        Reason = message;
    }

    public QueueConfigurationException(string message) : this("?", message)
    {
    }

    public string Key { get; } = "?";
    public string Reason { get; } = "";
}
