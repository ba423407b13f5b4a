using Kiosk.Broker;
using Microsoft.Extensions.Configuration;

namespace Kiosk.Simulator;

/// <summary>The simulator's command line, and what it tells the developer about its private broker.</summary>
public static class SimulatorArguments
{
    /// <summary>"--config FILE" (or --config=FILE) and "--Section:Key=value" overrides, applied last.</summary>
    public static SimulatorSessionOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? configFile = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config" && i + 1 < args.Length)
            {
                configFile = args[++i];
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                configFile = args[i]["--config=".Length..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        var overrides = new ConfigurationBuilder().AddCommandLine([.. rest]).Build().AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.OrdinalIgnoreCase);
        // The data folder is also where the front panel keeps ticket previews: one setting for both.
        return overrides.TryGetValue("Kiosk:DataDirectory", out var data)
            ? new SimulatorSessionOptions { ConfigFile = configFile, Overrides = overrides, DataDirectory = Path.GetFullPath(data) }
            : new SimulatorSessionOptions { ConfigFile = configFile, Overrides = overrides };
    }

    /// <summary>The private broker's address and every role user with its password: it is a development broker, new at every start.</summary>
    public static void PrintBroker(SimulatorSession session, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(output);
        var broker = session.Broker;
        output.WriteLine($"Broker MQTT pribadi: {broker.Host}:{broker.Port}, situs '{broker.Site}' (folder {broker.WorkDirectory})");
        output.WriteLine("User per peran (password baru setiap kali dijalankan):");
        foreach (var user in broker.Credentials.Values.OrderBy(c => c.Username, StringComparer.Ordinal))
        {
            output.WriteLine($"  {user.Username,-10} {user.Password}");
        }

        var display = broker.For(BrokerRoles.Display);
        output.WriteLine($"Lihat topik antrean seperti layar ruang tunggu: mosquitto_sub -h {broker.Host} -p {broker.Port} -u {display.Username} -P {display.Password} -t 'queue/{broker.Site}/#' -v");
        output.WriteLine();
    }
}
