/// Placeholder until the Generate work lands.
public enum MujunGenerateModule {}
