namespace Kiosk.Bpjs.Fktp;

/// <summary>
/// "Ambil antrean" as BPJS sends it (POST <c>/antrean</c>), read and checked. Only what the kiosk needs goes on; the
/// rest (keluhan, nohp, norm, the doctor) is checked for shape and dropped: the bridge stores nothing.
/// </summary>
public sealed record AmbilAntreanRequest(string NomorKartu, string Nik, string KodePoli, DateOnly TanggalPeriksa);

/// <summary>"Batal antrean" (PUT <c>/antrean/batal</c>), read and checked.</summary>
public sealed record BatalAntreanRequest(string NomorKartu, string KodePoli, DateOnly TanggalPeriksa, string? Alasan);
