using System.Security.Cryptography;
using System.Text;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Security;

/// <summary>
/// Encrypts resident IDs and phone numbers with AES-256-GCM and computes their blind index with
/// HMAC-SHA256. Both keys are derived (HKDF) from one 32-byte master key that is configuration:
/// lose it and the protected fields cannot be read again.
/// </summary>
public sealed class PersonalDataProtector : IPersonalDataProtector, IDisposable
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _indexKey;

    // One cipher per thread: its key schedule is made once, not for every value (a bulk load encrypts ~100,000).
    private readonly ThreadLocal<AesGcm> _aes;

    public PersonalDataProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32) throw new ArgumentException("The personal-data key must be 32 bytes.", nameof(masterKey));
        _encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "tuopin/personal-data/aes-gcm"u8.ToArray());
        _indexKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, 32, info: "tuopin/personal-data/blind-index"u8.ToArray());
        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(_encryptionKey, TagSize), trackAllValues: true);
    }

    public void Dispose()
    {
        foreach (var aes in _aes.Values) aes.Dispose();
        _aes.Dispose();
    }

    public static byte[] NewMasterKey() => RandomNumberGenerator.GetBytes(32);

    public string Protect(string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var output = new byte[1 + NonceSize + plainBytes.Length + TagSize];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Value!.Encrypt(nonce, plainBytes, output.AsSpan(1 + NonceSize, plainBytes.Length), output.AsSpan(1 + NonceSize + plainBytes.Length, TagSize));
        return Convert.ToBase64String(output);
    }

    public string Unprotect(string cipher)
    {
        var input = Convert.FromBase64String(cipher);
        if (input.Length < 1 + NonceSize + TagSize || input[0] != FormatVersion)
            throw new CryptographicException("Not a protected value of a known format.");
        var length = input.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        _aes.Value!.Decrypt(input.AsSpan(1, NonceSize), input.AsSpan(1 + NonceSize, length), input.AsSpan(1 + NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string Index(string plain)
    {
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(plain), hash);
        return Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

/// <summary>
/// Where the master key comes from: the configured value (base64), else a key file that is
/// created with a fresh random key on first start.
/// </summary>
public static class PersonalDataKey
{
    public static byte[] Load(string? configured, string keyFile)
    {
        if (Find(configured, keyFile) is { } found) return found.Key;
        var key = PersonalDataProtector.NewMasterKey();
        Write(keyFile, key);
        return key;
    }

    /// <summary>The key that is configured, else the key file's, else null: unlike <see cref="Load"/> it never makes one.</summary>
    public static (byte[] Key, string Source)? Find(string? configured, string keyFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return (Decode(configured, "configuration"), "TUOPIN_PERSONAL_DATA_KEY");
        if (File.Exists(keyFile))
            return (Decode(File.ReadAllText(keyFile), keyFile), Path.GetFullPath(keyFile));
        return null;
    }

    /// <summary>Reads a key file (base64 of 32 bytes, as the key file and TUOPIN_PERSONAL_DATA_KEY hold it).</summary>
    public static byte[] ReadFile(string file) => Decode(File.ReadAllText(file), file);

    /// <summary>
    /// Writes a key file that does not exist yet, readable by the owner only where the file system
    /// allows it. The file is made with those rights, never widened afterwards.
    /// </summary>
    public static void Write(string keyFile, byte[] key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(keyFile))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(keyFile, options);
        using var writer = new StreamWriter(stream);
        writer.Write(Convert.ToBase64String(key));
    }

    /// <summary>
    /// What identifies a key without revealing it: 16 bytes derived from it (HKDF, its own label, so
    /// neither of the working keys), as hex. A backup's manifest names its key by this.
    /// </summary>
    public static string Fingerprint(byte[] key) =>
        Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 16, info: "tuopin/personal-data/fingerprint"u8.ToArray()));

    private static byte[] Decode(string text, string source)
    {
        try
        {
            var key = Convert.FromBase64String(text.Trim());
            if (key.Length == 32) return key;
        }
        catch (FormatException)
        {
        }
        throw new InvalidOperationException($"The personal-data key from {source} is not 32 bytes of base64.");
    }
}

/// <summary>Masks personal data for roles that may not see it.</summary>
public static class Masking
{
    public static string ResidentId(string plain) => Domain.Registry.ResidentId.Mask(plain);

    /// <summary>138****5678: the first three and last four digits.</summary>
    public static string Phone(string plain) =>
        plain.Length >= 7 ? string.Concat(plain.AsSpan(0, 3), new string('*', plain.Length - 7), plain.AsSpan(plain.Length - 4)) : new string('*', plain.Length);
}
