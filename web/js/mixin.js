// mixin.js lets a class keep its methods in several files, one per
// concern (LiveSync, Renderer): each file exports an object of methods,
// and the class's own file adds them to it.

/**
 * addMethods adds the methods of each part to class cls, as if written in
 * it (not enumerable, like a class's own). A name defined twice throws.
 */
export function addMethods(cls, ...parts) {
  for (const methods of parts) {
    for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(methods))) {
      if (name in cls.prototype) throw new Error(`${cls.name}.${name} is defined twice`);
      Object.defineProperty(cls.prototype, name, { ...d, enumerable: false });
    }
  }
}
