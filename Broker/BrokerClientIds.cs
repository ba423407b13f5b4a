using Kiosk.Contract.Topics;

namespace Kiosk.Broker;

/// <summary>
/// Client ids that only one broker user may use, enforced by our Mosquitto plugin (<c>Broker/plugin/kiosk-clientid.c</c>).
/// Without it any valid login using the kiosk's client id takes the kiosk's session over: the kiosk is kicked off, its
/// "offline" will fires, and a clean-session intruder erases the commands queued for it. Mosquitto 2.0 has no option
/// for this: dynamic security binds a user to a client id, not a client id to a user.
/// </summary>
public static class BrokerClientIds
{
    /// <summary>Where the plugin is installed on a site (the package puts <c>Kiosk.Broker</c>'s output in /opt/kiosk).</summary>
    public const string SitePluginPath = "/opt/kiosk/" + PluginFile;

    /// <summary>The plugin, relative to the output folder of anything that references this project.</summary>
    public const string PluginFile = "mosquitto/kiosk-clientid.so";

    /// <summary>Client id prefix and the only broker user that may connect with it.</summary>
    public static IReadOnlyList<(string Prefix, string Username)> Reserved { get; } =
    [
        (ClientIds.KioskPrefix, BrokerRoles.Kiosk),
        // The BPJS bridge's persistent session holds the events it has not reported yet: nobody else may take it over.
        (ClientIds.BpjsPrefix, BrokerRoles.Bpjs),
    ];

    /// <summary>The private broker's copy of the plugin, next to this assembly.</summary>
    public static string LocalPluginPath => Path.Combine(AppContext.BaseDirectory, PluginFile);

    /// <summary>mosquitto.conf lines; <c>Broker/mosquitto/site.conf</c> carries the same with <see cref="SitePluginPath"/> (checked by a test).</summary>
    public static IReadOnlyList<string> ConfigLines(string pluginPath) =>
        [$"plugin {pluginPath}", .. Reserved.Select(r => $"plugin_opt_reserve_{r.Username} {r.Prefix}")];
}
