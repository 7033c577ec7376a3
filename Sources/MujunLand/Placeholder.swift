/// Placeholder until the Land work lands.
public enum MujunLandModule {}
