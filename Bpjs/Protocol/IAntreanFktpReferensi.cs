namespace Kiosk.Bpjs.Protocol;

/// <summary>
/// Antrean FKTP's reference lists, fetched once a day by the bridge. Apart from <see cref="IAntreanFktpClient"/> so the
/// outbox's seam stays as it is. Never throws for what BPJS or the network did (cancellation only).
/// </summary>
public interface IAntreanFktpReferensi
{
    /// <summary><c>GET ref/poli/tanggal/{yyyy-MM-dd}</c>.</summary>
    Task<ReferensiResult<ReferensiPoli>> ReferensiPoliAsync(DateOnly tanggal, CancellationToken cancellationToken);

    /// <summary><c>GET ref/dokter/kodepoli/{kode}/tanggal/{yyyy-MM-dd}</c>.</summary>
    Task<ReferensiResult<ReferensiDokter>> ReferensiDokterAsync(string kodePoli, DateOnly tanggal, CancellationToken cancellationToken);
}
