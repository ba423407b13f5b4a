namespace Kiosk.DistrictLink.Text;

/// <summary>What the technician reads from the district link (the journal at start-up), in Bahasa Indonesia.</summary>
public static class LinkTeks
{
    // The rules and reasons of the options validator, put into the shared shapes of Kiosk.Contract.Text.SettingTeks.
    public const string SiteIdRule = "ID Puskesmas yang sama dengan Kiosk:Site:Id: 1-64 huruf, angka, '-' atau '_'";
    public const string BrokerHostWhy = "alamat broker Puskesmas, mis. 127.0.0.1";
    public const string BrokerPasswordWhy = "kata sandi pengguna broker bridge dari /etc/kiosk/broker-passwords";
    public const string NatsUrlsWhy = "alamat ketiga server NATS dinas, mis. tls://10.20.0.11:4222,tls://10.20.0.12:4222";
    public const string NatsUrlRule = "alamat nats://HOST:PORT atau tls://HOST:PORT, dipisah koma";
    public const string NatsUserWhy = "pengguna NATS Puskesmas ini dari district-setup, mis. site-pkm-kokop";
    public const string NatsPasswordWhy = "kata sandi pengguna NATS Puskesmas ini dari district-setup";
    public const string CaFileWhy = "sertifikat CA dinas (PEM) untuk alamat tls://";

    /// <summary>Logged once before exit 78: the service stops instead of restarting with the same bad file.</summary>
    public const string ConfigurationRefused = "Konfigurasi tautan dinas tidak sah; perbaiki /etc/kiosk/district.env (atau jalankan kiosk-setup --district lagi), lalu mulai ulang kiosk-district-link.";
}
