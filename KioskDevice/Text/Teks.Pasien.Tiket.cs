namespace Kiosk.Device.Text;

public static partial class Teks
{
    public static partial class Pasien
    {
        /// <summary>The words printed on the patient's ticket (Ticketing/TicketLayout lays them out).</summary>
        public static class Tiket
        {
            public static string Phone(string phone) => $"Telp. {phone}";
            public const string Reprint = " CETAK ULANG ";
            public const string NumberHeading = "NOMOR ANTREAN";
            public static string IssuedAt(string time) => $"Pukul {time}";
            public const string TodayOnly = "Berlaku hari ini saja";
            public const string NobodyAhead = "Tidak ada antrean di depan Anda.";
            public static string PeopleAhead(int people) => F($"Antrean di depan Anda: {people} orang");
            public const string UntilCountersOpen = "menunggu loket dibuka";
            public const string EstimatedWait = "Perkiraan waktu tunggu:";
            public static string Family(int size) => F($"Berlaku untuk {size} orang (satu keluarga)");
            public const string Priority = "Antrean prioritas";
            public static string PriorityOf(string kind) => $"Antrean prioritas: {kind}";
            public static string Labelled(string label) => $"{label}:";
            public const string PleasePrepare = "Harap siapkan:";
            public const string ScanQr = "Pindai QR di HP: pantau antrean";
            public const string ScanQrWifi = "(sambung ke Wi-Fi Puskesmas)";
            public const string KeepTicket = "Simpan tiket ini";
            public const string UntilCalled = "sampai nomor Anda dipanggil";
            public const string KeepTicketShort = "Simpan tiket ini sampai dipanggil";
            public const string Complaints = "Saran dan pengaduan:";
            public const string WaitAt = "Tunggu di: ";
            public const string CalledTo = "Dipanggil ke: ";
            public static string CalledTimes(int calls) => F($"Nomor dipanggil {calls} kali. Bila terlewat, lapor ke petugas loket agar dipanggil kembali.");
            public const string MedicalRecord = "No. rekam medis";
            public const string BpjsCard = "No. kartu BPJS/KIS";
            public const string JknBooking = "Kode booking JKN";
            /// <summary>The band on a Mobile JKN booking's ticket (printed when the patient checks in).</summary>
            public const string MobileJkn = " Mobile JKN ";
            public const string Card = "Kartu";
        }
    }
}
