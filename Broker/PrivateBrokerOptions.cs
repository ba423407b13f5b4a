namespace Kiosk.Broker;

/// <summary>How a private development/test broker is set up.</summary>
public sealed class PrivateBrokerOptions
{
    /// <summary>Site id used in the ACL's topic tree.</summary>
    public string Site { get; init; } = "dev";

    /// <summary>How many counter users (<c>counter-1</c>..<c>counter-N</c>) get a password and an ACL block.</summary>
    public int CounterCount { get; init; } = 3;

    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }

    /// <summary>Bounded wait for the broker to accept an MQTT connection.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Folder for config, password file, ACL, persistence and log; a new temporary one when null.</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Extra lines appended to mosquitto.conf (for example a TLS listener).</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];
}
