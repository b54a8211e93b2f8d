package dev.steward.lineage;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.Pack;
import org.eclipse.jgit.internal.storage.file.PackIndex;
import org.eclipse.jgit.internal.storage.pack.PackExt;
import org.eclipse.jgit.internal.storage.pack.PackWriter;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.pack.PackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the small pack files that group commit leaves behind (one per batch) so that object lookups
 * stay fast. Like {@code git repack --geometric=2}, it merges the smallest packs until every remaining
 * pack holds at least twice the objects of all smaller ones together, so each object is rewritten only
 * a logarithmic number of times. The merged pack is made durable before the old ones are deleted.
 */
final class PackCompaction {

	private static final Logger LOG = LoggerFactory.getLogger(PackCompaction.class);

	private final Repository repository;

	private final int maxPacks;

	PackCompaction(Repository repository, int maxPacks) {
		this.repository = repository;
		this.maxPacks = maxPacks;
	}

	/**
	 * Removes temporary files that a killed process left in the pack directory: ours ({@code compact_})
	 * and JGit's pack inserter's ({@code insert_}), once they are an hour old and surely abandoned.
	 */
	void removeAbandonedFiles() {
		File[] files = objectDirectory().getPackDirectory().listFiles((dir, name) -> name.startsWith("compact_")
				|| name.startsWith("insert_"));
		if (files == null) {
			return;
		}
		long cutoff = System.currentTimeMillis() - java.time.Duration.ofHours(1).toMillis();
		for (File file : files) {
			if (file.lastModified() < cutoff && file.delete()) {
				LOG.info("Removed the abandoned temporary file {}.", file);
			}
		}
	}

	boolean needed() {
		return objectDirectory().getPacks().size() > maxPacks;
	}

	/** Merges small packs if there are more than {@code maxPacks}; answers how many packs were merged. */
	int compactIfNeeded() throws IOException {
		ObjectDirectory objects = objectDirectory();
		try {
			return compact(objects);
		}
		catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
			// another process sharing the repository merged some of these packs first; look again next time
			LOG.debug("A pack vanished while merging; another writer compacted first: {}", e.getMessage());
			objects.close();
			return 0;
		}
	}

	private int compact(ObjectDirectory objects) throws IOException {
		List<Pack> packs = new ArrayList<>(objects.getPacks());
		if (packs.size() <= maxPacks) {
			return 0;
		}
		List<SizedPack> sized = new ArrayList<>();
		for (Pack pack : packs) {
			if (!pack.shouldBeKept()) {
				sized.add(new SizedPack(pack, pack.getIndex().getObjectCount()));
			}
		}
		sized.sort(Comparator.comparingLong(SizedPack::objects));
		int merge = 0;
		long sum = 0;
		for (int i = 0; i < sized.size(); i++) {
			if (i > 0 && sized.get(i).objects() < 2 * sum) {
				merge = i + 1;
			}
			sum += sized.get(i).objects();
		}
		// packs already in geometric progression but too many of them: merge the smaller half
		merge = Math.max(merge, Math.min(sized.size(), Math.max(2, sized.size() - maxPacks / 2)));
		List<SizedPack> selected = sized.subList(0, merge);
		if (!concatenate(objects, selected)) {
			merge(objects, selected);
		}
		return selected.size();
	}

	private record SizedPack(Pack pack, long objects) {
	}

	private record Entry(ObjectId id, long offset, int crc) {
	}

	/**
	 * Merges packs by copying their object entries byte for byte into one pack, renumbering offsets,
	 * without inflating or looking up anything: fast, and enough for the packs lineage writes, which hold
	 * whole objects. Answers false (and writes nothing) when a pack holds deltas, whose entries cannot be
	 * dropped or moved blindly; {@link #merge} handles those.
	 */
	private boolean concatenate(ObjectDirectory objects, List<SizedPack> selected) throws IOException {
		long started = System.nanoTime();
		Path packDirectory = objects.getPackDirectory().toPath();
		List<List<Entry>> entriesByPack = new ArrayList<>();
		java.util.Set<ObjectId> seen = new java.util.HashSet<>();
		int count = 0;
		for (SizedPack sized : selected) {
			PackIndex index = sized.pack().getIndex();
			if (!index.hasCRC32Support()) {
				return false;
			}
			List<Entry> entries = new ArrayList<>((int) index.getObjectCount());
			for (PackIndex.MutableEntry entry : index) {
				ObjectId id = entry.toObjectId();
				entries.add(new Entry(id, entry.getOffset(), (int) index.findCRC32(id)));
			}
			entries.sort(Comparator.comparingLong(Entry::offset));
			entriesByPack.add(entries);
			for (Entry entry : entries) {
				if (seen.add(entry.id())) {
					count++;
				}
			}
		}
		seen.clear();
		List<org.eclipse.jgit.transport.PackedObjectInfo> written = new ArrayList<>(count);
		Path tmpPack = Files.createTempFile(packDirectory, "compact_", ".pack_tmp");
		Path tmpIndex = Files.createTempFile(packDirectory, "compact_", ".idx_tmp");
		try {
			java.security.MessageDigest digest = org.eclipse.jgit.lib.Constants.newMessageDigest();
			try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(tmpPack,
					java.nio.file.StandardOpenOption.WRITE)) {
				java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(12);
				header.put(org.eclipse.jgit.lib.Constants.PACK_SIGNATURE).putInt(2).putInt(count).flip();
				long position = write(out, header, digest);
				java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(1 << 18);
				for (int p = 0; p < selected.size(); p++) {
					Path source = selected.get(p).pack().getPackFile().toPath();
					List<Entry> entries = entriesByPack.get(p);
					try (java.nio.channels.FileChannel in = java.nio.channels.FileChannel.open(source)) {
						long dataEnd = in.size() - org.eclipse.jgit.lib.Constants.OBJECT_ID_LENGTH;
						// copy runs of consecutive entries not seen before in large reads, not object by object
						for (int e = 0; e < entries.size();) {
							if (!seen.add(entries.get(e).id())) {
								e++;
								continue;
							}
							int last = e + 1;
							while (last < entries.size() && seen.add(entries.get(last).id())) {
								last++; // stops at the end or at an object already copied, skipped next
							}
							long runStart = entries.get(e).offset();
							long runEnd = last < entries.size() ? entries.get(last).offset() : dataEnd;
							for (int k = e; k < last; k++) {
								Entry entry = entries.get(k);
								org.eclipse.jgit.transport.PackedObjectInfo info = new org.eclipse.jgit.transport.PackedObjectInfo(entry.id());
								info.setOffset(position + (entry.offset() - runStart));
								info.setCRC(entry.crc());
								written.add(info);
							}
							int check = e;
							for (long at = runStart; at < runEnd;) {
								buffer.clear().limit((int) Math.min(buffer.capacity(), runEnd - at));
								int read = in.read(buffer, at);
								if (read <= 0) {
									throw new IOException("Unexpected end of " + source + ".");
								}
								buffer.flip();
								// whole objects only: a delta cannot be moved blindly
								for (; check < last && entries.get(check).offset() < at + read; check++) {
									int type = (buffer.get((int) (entries.get(check).offset() - at)) >> 4) & 7;
									if (type < org.eclipse.jgit.lib.Constants.OBJ_COMMIT
											|| type > org.eclipse.jgit.lib.Constants.OBJ_TAG) {
										return false;
									}
								}
								at += read;
								position += write(out, buffer, digest);
							}
							e = last;
						}
					}
				}
				byte[] checksum = digest.digest();
				write(out, java.nio.ByteBuffer.wrap(checksum), null);
				out.force(true);
				written.sort(Comparator.naturalOrder());
				try (FileOutputStream indexOut = new FileOutputStream(tmpIndex.toFile())) {
					org.eclipse.jgit.internal.storage.file.BasePackIndexWriter.createVersion(indexOut, 2)
						.write(written, checksum);
					indexOut.getChannel().force(true);
				}
				String name = "pack-" + ObjectId.fromRaw(checksum).name();
				install(objects, selected, tmpPack, tmpIndex, name);
				LOG.debug("Concatenated {} pack files ({} objects) into {} in {} ms.", selected.size(), count, name,
						(System.nanoTime() - started) / 1_000_000);
				return true;
			}
		}
		finally {
			Files.deleteIfExists(tmpPack);
			Files.deleteIfExists(tmpIndex);
		}
	}

	private static long write(java.nio.channels.FileChannel out, java.nio.ByteBuffer buffer,
			java.security.@org.jspecify.annotations.Nullable MessageDigest digest) throws IOException {
		if (digest != null) {
			digest.update(buffer.duplicate());
		}
		long written = 0;
		while (buffer.hasRemaining()) {
			written += out.write(buffer);
		}
		return written;
	}

	/** Moves the synced merged pack into place, syncs the directory, then deletes the packs it replaces. */
	private void install(ObjectDirectory objects, List<SizedPack> selected, Path tmpPack, Path tmpIndex, String name)
			throws IOException {
		File packDirectory = objects.getPackDirectory();
		File finalPack = new File(packDirectory, name + "." + PackExt.PACK.getExtension());
		File finalIndex = new File(packDirectory, name + "." + PackExt.INDEX.getExtension());
		Files.move(tmpPack, finalPack.toPath(), StandardCopyOption.ATOMIC_MOVE);
		Files.move(tmpIndex, finalIndex.toPath(), StandardCopyOption.ATOMIC_MOVE);
		Fsync.directory(packDirectory.toPath());
		objects.openPack(finalPack);
		for (SizedPack sized : selected) {
			File old = sized.pack().getPackFile();
			if (old.getName().equals(finalPack.getName())) {
				continue;
			}
			// readers holding the old pack open keep working; others rescan and find the merged pack
			Files.deleteIfExists(old.toPath());
			for (PackExt ext : PackExt.values()) {
				if (ext != PackExt.PACK) {
					Files.deleteIfExists(sized.pack().getPackFile().create(ext).toPath());
				}
			}
		}
		Fsync.directory(packDirectory.toPath());
		// forget the pack list, as JGit's own GC does after deleting packs: the next lookup rescans the
		// directory, instead of tripping over each deleted pack (with a logged warning) later
		objects.close();
	}

	private void merge(ObjectDirectory objects, List<SizedPack> selected) throws IOException {
		long started = System.nanoTime();
		File packDirectory = objects.getPackDirectory();
		PackConfig config = new PackConfig(repository);
		config.setDeltaCompress(false);
		config.setReuseDeltas(true);
		config.setReuseObjects(true);
		Path tmpPack = Files.createTempFile(packDirectory.toPath(), "compact_", ".pack_tmp");
		Path tmpIndex = Files.createTempFile(packDirectory.toPath(), "compact_", ".idx_tmp");
		try (ObjectReader reader = repository.newObjectReader(); RevWalk walk = new RevWalk(reader);
				PackWriter writer = new PackWriter(config, reader)) {
			List<RevObject> toWrite = new ArrayList<>();
			for (SizedPack sized : selected) {
				for (PackIndex.MutableEntry entry : sized.pack()) {
					ObjectId id = entry.toObjectId();
					toWrite.add(walk.lookupAny(id, reader.open(id).getType()));
				}
			}
			writer.preparePack(toWrite.iterator());
			try (FileOutputStream out = new FileOutputStream(tmpPack.toFile())) {
				writer.writePack(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE, out);
				out.getChannel().force(true);
			}
			try (FileOutputStream out = new FileOutputStream(tmpIndex.toFile())) {
				writer.writeIndex(out);
				out.getChannel().force(true);
			}
			String name = "pack-" + writer.computeName().name();
			install(objects, selected, tmpPack, tmpIndex, name);
			LOG.debug("Merged {} pack files ({} objects) into {} in {} ms.", selected.size(), toWrite.size(), name,
					(System.nanoTime() - started) / 1_000_000);
		}
		finally {
			Files.deleteIfExists(tmpPack);
			Files.deleteIfExists(tmpIndex);
		}
	}

	private ObjectDirectory objectDirectory() {
		return (ObjectDirectory) repository.getObjectDatabase();
	}
}
