import { badRequest, notFound } from '../errors/infisical-errors.js';
import { newId } from '../ids.js';
import type { Project, SecretTag } from './model.js';

/**
 * The secret tags of every project. Tags live beside the projects rather than in them because
 * secrets hold the tag objects themselves: deleting a tag must also take it off those secrets.
 */
export class ProjectTags {
  private readonly byProject = new Map<string, Map<string, SecretTag>>();

  constructor(private readonly now: () => Date) {}

  list(projectId: string): SecretTag[] {
    return [...this.tagsOf(projectId).values()];
  }

  findById(tagId: string): SecretTag | undefined {
    for (const tags of this.byProject.values()) {
      for (const tag of tags.values()) if (tag.id === tagId) return tag;
    }
    return undefined;
  }

  findBySlug(projectId: string, slug: string): SecretTag | undefined {
    return this.tagsOf(projectId).get(slug);
  }

  create(projectId: string, input: { slug: string; color?: string | null }): SecretTag {
    const tags = this.tagsOf(projectId);
    if (tags.has(input.slug)) throw badRequest('Tag already exist');
    const now = this.now();
    const tag: SecretTag = {
      id: newId(),
      projectId,
      slug: input.slug,
      name: input.slug,
      color: input.color ?? null,
      createdAt: now,
      updatedAt: now,
    };
    tags.set(tag.slug, tag);
    return tag;
  }

  /** The tag with that slug, created on first use (for seeding). */
  ensure(projectId: string, slug: string): SecretTag {
    return this.findBySlug(projectId, slug) ?? this.create(projectId, { slug });
  }

  /** Removes the tag from the project and from every secret of the project that carries it. */
  delete(project: Project, tagId: string): SecretTag {
    const tag = this.findById(tagId);
    if (!tag || tag.projectId !== project.id) throw notFound(`Tag with ID '${tagId}' not found`);
    this.tagsOf(project.id).delete(tag.slug);
    for (const environment of project.environments) {
      for (const folder of environment.folders.values()) {
        for (const secret of folder.secrets.values()) {
          secret.tags = secret.tags.filter((carried) => carried.id !== tag.id);
        }
      }
    }
    return tag;
  }

  /** The project's tags with these ids, in the order given; an unknown id is Infisical's 404. */
  resolveIds(projectId: string, tagIds: readonly string[]): SecretTag[] {
    const tags = this.tagsOf(projectId);
    return [...new Set(tagIds)].map((tagId) => {
      const tag = [...tags.values()].find((candidate) => candidate.id === tagId);
      if (!tag) throw notFound('Tag not found');
      return tag;
    });
  }

  private tagsOf(projectId: string): Map<string, SecretTag> {
    let tags = this.byProject.get(projectId);
    if (!tags) {
      tags = new Map();
      this.byProject.set(projectId, tags);
    }
    return tags;
  }
}
