namespace Kiosk.Simulator.Text;

public static partial class SimulatorTeks
{
    /// <summary>What a simulated Puskesmas of the district tier tells the technician.</summary>
    public static class Kabupaten
    {
        public static string SubscriptionRefused(string site, string filter) =>
            $"Mosquitto {site} menolak langganan tautan distrik '{filter}': periksa hak peran bridge di ACL.";

        public static string DayStarted(string name, string site, string scenario, int brokerPort) =>
            F($"{name} ({site}): skenario {scenario}, Mosquitto 127.0.0.1:{brokerPort}, tautan distrik berjalan");

        public static string DayEnded(string name, int committed, int received) =>
            F($"{name}: hari selesai, {committed} peristiwa tercatat di kiosk, {received} diterima di Mosquitto");

        public static string DayFailed(string name, string reason) => $"{name}: skenario berhenti: {reason}";
    }
}
