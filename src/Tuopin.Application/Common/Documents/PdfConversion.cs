using System.Diagnostics;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>
/// Word to PDF through LibreOffice (<c>libreoffice --headless --convert-to pdf</c>) where it is installed: the
/// program is looked for on PATH (libreoffice, then soffice) unless one is given. Each conversion has its own
/// profile and folder, removed afterwards; one runs at a time (a conversion takes a core for a few seconds).
/// Where LibreOffice is missing the request is refused with a message that says so and offers the .docx.
/// </summary>
public sealed class PdfConversion(string? program = null)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The LibreOffice program found, or null where none is installed.</summary>
    public string? Program { get; } = program is not null ? (File.Exists(program) ? program : null) : Find();

    public bool Available => Program is not null;

    public static readonly LocalText Unavailable = new(
        "本服务器未安装 LibreOffice，无法生成 PDF；请下载 Word（.docx）文件后打印或另存为 PDF",
        "LibreOffice is not installed on this server, so no PDF can be made; download the Word (.docx) file and print it or save it as PDF");

    public Task<byte[]> ToPdfAsync(byte[] docx, CancellationToken ct = default) => ToPdfAsync(docx, ".docx", ct);

    /// <summary>Any file LibreOffice opens (a report form's .xlsx too), named by its extension so LibreOffice picks the right filter.</summary>
    public async Task<byte[]> ToPdfAsync(byte[] content, string extension, CancellationToken ct = default)
    {
        if (Program is not { } exe)
            throw new InvalidRequestException([new Problem("format", "papers.pdf_unavailable", Unavailable)]);
        var directory = Path.Combine(Path.GetTempPath(), "tuopin-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await _one.WaitAsync(ct);
        try
        {
            var input = Path.Combine(directory, "paper" + extension);
            await File.WriteAllBytesAsync(input, content, ct);
            var start = new ProcessStartInfo(exe, ["--headless", "-env:UserInstallation=file://" + Path.Combine(directory, "profile"), "--convert-to", "pdf", "--outdir", directory, input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("LibreOffice did not start");
            var stderr = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var output = Path.Combine(directory, "paper.pdf");
            if (!File.Exists(output))
                throw new InvalidOperationException($"LibreOffice made no PDF (exit code {process.ExitCode}): {await stderr}");
            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            _one.Release();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var name in new[] { "libreoffice", "soffice" })
            foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return null;
    }
}
