namespace Kiosk.DeviceDrivers.Text;

public static partial class DriverTeks
{
    /// <summary>What the patient at the card reader is told when a scan cannot be used: what happened and what to do.
    /// The reason for the technician's log (English detail) stays beside the parser.</summary>
    public static class Pasien
    {
        public const string ScanAgain = "Kode tidak dapat dibaca. Silakan pindai ulang kartu Anda, atau ambil nomor antrean dengan tombol.";
        public const string ScanInterrupted = "Pemindaian terputus. Silakan pindai ulang kartu Anda.";
        public const string NothingRead = "Tidak ada kode yang terbaca. Silakan pindai ulang.";
        public const string CardNotRecognised = "Kartu ini tidak dikenali. Silakan gunakan kartu berobat, kartu BPJS/KIS, KTP (NIK), atau kode booking Mobile JKN.";
        public const string BpjsNumberInvalid = "Nomor kartu BPJS/KIS tidak valid. Silakan ke loket pendaftaran.";
        public const string NikInvalid = "NIK tidak valid. Silakan tunjukkan KTP Anda ke petugas loket.";
        public const string NumberIncomplete = "Nomor kartu tidak lengkap. Silakan pindai ulang kartu Anda.";
    }
}
